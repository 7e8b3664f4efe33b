/**
 * The seam for browser APIs: everything in the background reaches the browser through this module,
 * so unit tests can substitute an in-memory fake.
 */
import browser from 'webextension-polyfill';

export type Browser = typeof browser;
export { browser };
