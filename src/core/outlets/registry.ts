/**
 * The outlet registry: who publishes news, under which names and on which domains. Data, typed and
 * ordered. It decides where the content script runs (the manifest's `content_scripts.matches` is
 * generated from it at build time, https only) and links a story's source names to domains.
 */
export interface Outlet {
  /** Stable id, lower-case. */
  id: string;
  /** Display name. */
  name: string;
  /** Other names stories use for it ("AP", "Associated Press"). */
  aliases: readonly string[];
  /** Registrable domains; subdomains (edition.cnn.com) are covered. */
  domains: readonly string[];
}

export const OUTLETS: readonly Outlet[] = [
  { id: 'ap', name: 'AP', aliases: ['Associated Press', 'AP News', 'The Associated Press'], domains: ['apnews.com'] },
  { id: 'bbc', name: 'BBC', aliases: ['BBC News', 'British Broadcasting Corporation'], domains: ['bbc.com', 'bbc.co.uk'] },
  { id: 'cnn', name: 'CNN', aliases: ['Cable News Network', 'CNN International'], domains: ['cnn.com'] },
  { id: 'newsweek', name: 'Newsweek', aliases: [], domains: ['newsweek.com'] },
];

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/^the\s+/, '').replace(/\s+/g, ' ').trim();

const byName = new Map<string, Outlet>();
for (const o of OUTLETS) for (const n of [o.name, ...o.aliases]) byName.set(fold(n), o);

/** The outlet a story calls by this name, if known. */
export function outletByName(name: string): Outlet | undefined {
  return byName.get(fold(name));
}

/** The outlet that publishes on this host (subdomains included), if known. */
export function outletByHost(host: string): Outlet | undefined {
  const h = host.toLowerCase().replace(/^www\./, '');
  return OUTLETS.find((o) => o.domains.some((d) => h === d || h.endsWith(`.${d}`)));
}

/** Match patterns for the manifest, https only; `*.d` covers the bare domain and every subdomain. */
export function contentScriptMatches(outlets: readonly Outlet[] = OUTLETS): string[] {
  return outlets.flatMap((o) => o.domains.map((d) => `https://*.${d}/*`));
}
