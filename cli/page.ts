/**
 * `storylens page FILE.html [--url URL]`: the article reader of the content script
 * (src/content/extract.ts, the same code) on a saved page, in a happy-dom document with scripts,
 * style sheets, frames and navigation off. One JSON line: the PageMeta, or null with the reason on
 * stderr.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readPage, type NotArticle } from '../src/content/extract';
import type { PageMeta } from '../src/core/match/page';
import { ImportError } from '../src/core/story/errors';

/** The charset a page declares in its first bytes (`<meta charset>` or the http-equiv form), as a TextDecoder label. */
function declaredCharset(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const label = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1]?.toLowerCase() ?? 'utf-8';
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return 'utf-8';
  }
}

/**
 * The page's text: UTF-8 when the bytes are valid UTF-8 (saved pages are often re-encoded without
 * their declaration changing; other encodings are almost never valid UTF-8), else the declared charset.
 */
export function decodePage(bytes: Uint8Array, file: string): string {
  if (bytes.length === 0) throw new ImportError({ file }, 'is empty, expected an HTML page');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder(declaredCharset(bytes)).decode(bytes);
  }
  if (text.includes('\u0000')) throw new ImportError({ file }, 'is binary, expected an HTML page');
  return text;
}

/** The address a page is read at: --url, else the file's own (a page's canonical link is the page's word, not its address). */
export function pageAddress(file: string, url: string | undefined): URL {
  if (url !== undefined) return new URL(url);
  return file === '-' ? new URL('file:///dev/stdin') : pathToFileURL(resolve(file));
}

/** Why a page is not an article, in words. */
const WHY: Record<NotArticle, string> = {
  empty: 'the document is empty',
  'front-tagged': 'a home or section page (its address), tagged article without a publication date',
  front: 'no article tags, and its address is a home or section page',
  'no-heading': 'no article tags, and no heading agrees with the document title',
  thin: 'no article tags, and too little body text',
  unsigned: 'no article tags, no byline and no publication date',
  listing: 'no article tags, and bylines of different people: a listing of articles',
  untitled: 'no title',
};

/** Reads html as a browser tab at `address` would show it to the content script: its PageMeta, or why it is not an article. */
export async function readHtml(html: string, address: URL): Promise<{ meta: PageMeta; reason?: undefined } | { meta: null; reason: string }> {
  // Loaded here, not at the top: the DOM is a large chunk of the command that only `page` needs.
  const { Window } = await import('happy-dom');
  const window = new Window({
    url: address.href,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true, disableFallbackToSetURL: true },
    },
  });
  try {
    window.document.write(html);
    const reading = readPage(window.document as unknown as Document, { href: address.href, hostname: address.hostname, pathname: address.pathname });
    return reading.meta ? reading : { meta: null, reason: WHY[reading.reason] };
  } finally {
    await window.happyDOM.close();
  }
}

/**
 * One JSON line, safe for a terminal: JSON escapes C0 controls, not DEL, the C1 controls (U+009B
 * starts an escape sequence on some terminals) or the line and paragraph separators.
 */
export const jsonLine = (value: unknown): string =>
  `${JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
