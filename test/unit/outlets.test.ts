/**
 * Meta-test of the outlet registry: the data is well-formed (ids, names, domains), the manifest's
 * match patterns built from it are valid and https-only, and the look-ups behave.
 */
import { describe, expect, it } from 'vitest';
import { contentScriptMatches, OUTLETS, outletByHost, outletByName, type Outlet } from '../../src/core/outlets/registry';

/** The reference story's outlets, as its source list names them. */
const REFERENCE = [
  ['AP', 'ap'],
  ['CNN', 'cnn'],
  ['BBC', 'bbc'],
  ['Newsweek', 'newsweek'],
] as const;

/** As the registry folds names (case, spacing, a leading "The"), if anything a little stricter. */
const fold = (s: string) =>
  s.normalize('NFKC').toLowerCase().trim().replace(/^the\s+/, '').replace(/\s+/g, ' ');

const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const HOSTNAME = new RegExp(`^(?:${LABEL}\\.)+[a-z]{2,63}$`);

/** Public suffixes and hosts shared by many sites or titles: never an outlet's domain. */
const SHARED = new Set([
  'com', 'net', 'org', 'io', 'uk', 'au', 'ca', 'nz', 'in', 'jp',
  'co.uk', 'org.uk', 'ac.uk', 'gov.uk', 'com.au', 'net.au', 'org.au', 'co.nz', 'org.nz', 'co.jp', 'ne.jp', 'or.jp',
  'co.in', 'com.cn', 'com.hk', 'com.sg', 'com.tr', 'co.il', 'com.pk', 'co.za', 'com.br', 'co.kr', 'com.ua',
  'go.com', 'sky.com', 'yahoo.com', 'msn.com', 'google.com', 'news.google.com', 'indiatimes.com', 'aol.com',
  'blogspot.com', 'wordpress.com', 'substack.com', 'medium.com', 'tumblr.com', 'github.io', 'gitlab.io',
  'pages.dev', 'workers.dev', 'netlify.app', 'vercel.app', 'herokuapp.com', 'appspot.com', 'web.app',
  'firebaseapp.com', 'cloudfront.net', 'amazonaws.com', 'azurewebsites.net', 'wixsite.com', 'squarespace.com',
]);
/** Second-level labels under which ccTLDs register names (co.uk, com.au, ne.jp …). */
const SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'ac', 'edu', 'ne', 'or', 'go', 'ltd', 'plc']);

/** Chrome's match-pattern grammar: <scheme>://<host><path>, host `*`, `*.` + name, or a name. */
const MATCH_PATTERN = /^(\*|https?|wss?|ftp|file|urn):\/\/(\*|\*\.[^/*:]+|[^/*:]+)?(\/.*)$/;

const allDomains = OUTLETS.flatMap((o) => o.domains.map((d) => ({ id: o.id, d })));

describe('outlet registry data', () => {
  it('has at least 60 outlets', () => {
    expect(OUTLETS.length).toBeGreaterThanOrEqual(60);
  });

  it('ids are unique and lower-case [a-z0-9-]', () => {
    const ids = OUTLETS.map((o) => o.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('lists the reference-story outlets first, then the rest alphabetically by id', () => {
    expect(OUTLETS.slice(0, REFERENCE.length).map((o) => o.id).sort()).toEqual(REFERENCE.map(([, id]) => id).sort());
    const rest = OUTLETS.slice(REFERENCE.length).map((o) => o.id);
    expect(rest).toEqual([...rest].sort());
  });

  it('names and aliases are trimmed, non-empty and unique across outlets after folding', () => {
    const owner = new Map<string, string>();
    for (const o of OUTLETS) {
      for (const n of [o.name, ...o.aliases]) {
        expect(n, o.id).toBe(n.trim());
        expect(fold(n), o.id).not.toBe('');
        const prev = owner.get(fold(n));
        expect(prev === undefined || prev === o.id, `"${n}" is used by ${prev} and ${o.id}`).toBe(true);
        owner.set(fold(n), o.id);
      }
    }
  });

  it('every outlet has at least one domain', () => {
    for (const o of OUTLETS) expect(o.domains.length, o.id).toBeGreaterThan(0);
  });

  it.each(allDomains)('$d ($id) is a lower-case hostname with a dot, no scheme, path or www', ({ d }) => {
    expect(d).toMatch(HOSTNAME);
    expect(d.length).toBeLessThanOrEqual(253);
    expect(d).not.toMatch(/^www\d*\./);
    expect(d).toBe(d.toLowerCase().trim());
  });

  it.each(allDomains)('$d ($id) is not a public suffix or shared host', ({ d }) => {
    expect(SHARED.has(d)).toBe(false);
    const labels = d.split('.');
    // A two-label name ending in a two-letter ccTLD whose first label is a registry's second level (co.uk).
    if (labels.length === 2) expect(SECOND_LEVEL.has(labels[0]!) && labels[1]!.length === 2).toBe(false);
  });

  it('domains are unique across outlets and none is a subdomain of another', () => {
    const ds = allDomains.map(({ d }) => d);
    expect(new Set(ds).size).toBe(ds.length);
    for (const a of allDomains) {
      for (const b of allDomains) {
        if (a !== b) expect(a.d.endsWith(`.${b.d}`), `${a.d} (${a.id}) is under ${b.d} (${b.id})`).toBe(false);
      }
    }
  });
});

describe('contentScriptMatches', () => {
  const patterns = contentScriptMatches();

  it('has one https-only `https://*.<domain>/*` pattern per domain, in order, no duplicates', () => {
    expect(patterns).toEqual(allDomains.map(({ d }) => `https://*.${d}/*`));
    expect(new Set(patterns).size).toBe(patterns.length);
    for (const p of patterns) {
      expect(p.startsWith('https://')).toBe(true);
      expect(p).not.toMatch(/^http:|^\*:/);
    }
  });

  it('every pattern is a valid Chrome match pattern', () => {
    for (const p of patterns) expect(p).toMatch(MATCH_PATTERN);
  });

  it('abcnews.go.com stays narrow', () => {
    expect(patterns).toContain('https://*.abcnews.go.com/*');
    expect(patterns).not.toContain('https://*.go.com/*');
  });

  it('takes an explicit outlet list', () => {
    const custom: Outlet[] = [{ id: 'x', name: 'X', aliases: [], domains: ['x.example', 'y.example'] }];
    expect(contentScriptMatches(custom)).toEqual(['https://*.x.example/*', 'https://*.y.example/*']);
    expect(contentScriptMatches([])).toEqual([]);
  });
});

describe('outletByHost', () => {
  it.each([
    ['edition.cnn.com', 'cnn'],
    ['www.cnn.com', 'cnn'],
    ['cnn.com', 'cnn'],
    ['www.bbc.co.uk', 'bbc'],
    ['www.bbc.com', 'bbc'],
    ['apnews.com', 'ap'],
    ['WWW.NEWSWEEK.COM', 'newsweek'],
    ['abcnews.go.com', 'abc-news'],
    ['www.abc.net.au', 'abc-au'],
    ['news.sky.com', 'sky-news'],
    ['timesofindia.indiatimes.com', 'times-of-india'],
    ['www.nytimes.com', 'nyt'],
    ['uk.news.sky.com', 'sky-news'],
  ])('%s → %s', (host, id) => {
    expect(outletByHost(host)?.id).toBe(id);
  });

  it.each([
    'notcnn.com',
    'cnn.com.evil.net',
    'bbc.co.uk.example.org',
    'fakebbc.co.uk',
    'apnews.co',
    'go.com',
    'disney.go.com',
    'sky.com',
    'www.sky.com',
    'indiatimes.com',
    'economictimes.indiatimes.com',
    'example.com',
    '',
  ])('%s → undefined', (host) => {
    expect(outletByHost(host)).toBeUndefined();
  });

  it.each(allDomains)('$d, www.$d and a.b.$d → $id', ({ id, d }) => {
    expect(outletByHost(d)?.id).toBe(id);
    expect(outletByHost(`www.${d}`)?.id).toBe(id);
    expect(outletByHost(`a.b.${d}`)?.id).toBe(id);
    expect(outletByHost(`x${d}`)).toBeUndefined();
    expect(outletByHost(`${d}.example`)).toBeUndefined();
  });
});

describe('outletByName', () => {
  it.each(REFERENCE)('reference-story outlet "%s" → %s', (name, id) => {
    expect(outletByName(name)?.id).toBe(id);
  });

  it.each([
    ['Associated Press', 'ap'],
    ['The Associated Press', 'ap'],
    ['the new york times', 'nyt'],
    ['New York Times', 'nyt'],
    ['NYT', 'nyt'],
    ['The Washington Post', 'washington-post'],
    ['WaPo', 'washington-post'],
    ['Reuters', 'reuters'],
    ['BBC News', 'bbc'],
    ['the   Guardian', 'guardian'],
    ['Deutsche Welle', 'dw'],
    ['ABC News', 'abc-news'],
    ['ABC Australia', 'abc-au'],
    ['Time', 'time'],
    ['The Times', 'times'],
  ])('%s → %s', (name, id) => {
    expect(outletByName(name)?.id).toBe(id);
  });

  it('resolves every name and alias to its own outlet', () => {
    for (const o of OUTLETS) for (const n of [o.name, ...o.aliases]) expect(outletByName(n)?.id, n).toBe(o.id);
  });

  it('does not resolve unknown names', () => {
    expect(outletByName('Storylens Gazette')).toBeUndefined();
    expect(outletByName('')).toBeUndefined();
  });
});
