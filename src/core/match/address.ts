/**
 * A page's address without its fragment: the same article whichever part of it is in view. A module
 * of its own, so that the content script takes it without the matcher.
 */
export const withoutHash = (url: string): string => url.split('#', 1)[0] ?? url;
