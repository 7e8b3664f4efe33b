/**
 * Web addresses as stories and pages give them: only http(s) addresses name an article or an outlet,
 * and a string that does not parse is no address (never an exception for the caller to catch).
 */

/** The parsed address when `s` is an absolute http or https URL, else undefined. */
export function httpUrl(s: string | undefined): URL | undefined {
  if (!s) return undefined;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return undefined;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? u : undefined;
}

/** An address's host in lower case without a leading `www.`, the form outlets and articles are known by. */
export function bareHost(u: URL): string {
  return u.hostname.toLowerCase().replace(/^www\./, '');
}

/** The bare host (`bareHost`) of an http(s) address, else undefined. */
export function hostOf(url: string | undefined): string | undefined {
  const u = httpUrl(url);
  return u && bareHost(u);
}
