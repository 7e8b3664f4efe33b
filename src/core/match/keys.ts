/**
 * Keys for exact matching: a headline folded (case, dashes, quotes, outlet suffixes, punctuation)
 * and a URL reduced to host and path, so that the same article is recognised however it is linked.
 */

export function foldTitle(s: string): string {
  const ascii = !/[\u0080-\uffff]/.test(s);
  let t = ascii
    ? s.toLowerCase()
    : s
        .normalize('NFKC')
        .toLowerCase()
        .replace(/[\u2010-\u2015\u2212]/g, '-')
        .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
        .replace(/[\u201c\u201d\u201e\u2033]/g, '"');
  if (/(cnn|news|newsweek|press)$/.test(t)) t = t.replace(/\s*[|\u2013\u2014-]\s*(cnn|bbc news|ap news|newsweek|the associated press)$/, '');
  return (ascii ? t.replace(/[^a-z0-9'"-]+/g, ' ') : t.replace(/[^\p{L}\p{N}'"-]+/gu, ' ')).trim();
}

/** Query parameters that track readers rather than name an article. */
const TRACKING = /^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|ocid|cmpid|cmp|ref|ref_src|src|s|smid|partner|taid|sh|mbid|ito|at_\w+|guccounter|output|amp)$/i;

/**
 * Host, path and the query parameters that name an article (`?id=123`), lower-cased; tracking
 * parameters, the fragment and a trailing slash are dropped.
 */
export function normaliseUrl(u: string): string {
  try {
    const url = new URL(u);
    const params = [...url.searchParams.entries()].filter(([k]) => !TRACKING.test(k)).sort(([a], [b]) => a.localeCompare(b));
    const query = params.length ? `?${params.map(([k, v]) => `${k}=${v}`).join('&')}` : '';
    return `${url.hostname.replace(/^www\./, '')}${url.pathname.replace(/\/+$/, '')}${query}`.toLowerCase();
  } catch {
    return '';
  }
}
