/**
 * The name under which the content script leaves its re-read function in its own world (the
 * extension's isolated world, which the page cannot see), for the background to call on a
 * single-page site's URL change.
 */
export const REREAD = '__storylensReread';

/**
 * Run in the tab by the background (scripting.executeScript, so it must use nothing from outside its
 * body): calls the content script's re-read, when the content script is there.
 */
export function callReread(name: string): void {
  const reread = (globalThis as Record<string, unknown>)[name];
  if (typeof reread === 'function') (reread as () => void)();
}
