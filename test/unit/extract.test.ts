/**
 * The content script's article reader (src/content/extract.ts) against saved outlet pages.
 *
 * Every folder test/fixtures/outlets/<outlet-id>/<slug>/ holds a page.html and an expected.json
 * `{ "url": …, "expected": PageMeta | null }`; the page is loaded into a happy-dom document at that
 * URL (scripts, stylesheets, frames and navigation off) and readArticle must return exactly
 * `expected` (null: not an article). Add fixtures with `npm run fixture:add` (scripts/add-fixture.mjs).
 * Also: the fixtures cover every per-outlet patch and the reference story's outlets, the reader
 * never writes to the DOM, and it never throws on garbage.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Window } from 'happy-dom';
import * as v from 'valibot';
import { afterAll, describe, expect, it } from 'vitest';
import { isFrontPath, meta, metaTags, readArticle } from '../../src/content/extract';
import { jsonLd } from '../../src/content/jsonld';
import { patchFor } from '../../src/content/patches';
import { PageMetaSchema, type PageMeta } from '../../src/core/match/page';
import { OUTLETS, outletByHost, outletByName } from '../../src/core/outlets/registry';

const REPO = path.resolve(__dirname, '../..');
const FIXTURES = path.join(REPO, 'test/fixtures/outlets');
const MIN_FIXTURES = 12;

interface Fixture {
  /** "<outlet>/<slug>", for test names. */
  name: string;
  outlet: string;
  dir: string;
  url: string;
  expected: PageMeta | null;
}

/** Every test/fixtures/outlets/<outlet>/<slug>/ folder; a folder without its two files still counts (and fails). */
function findFixtures(): Fixture[] {
  if (!existsSync(FIXTURES)) return [];
  const out: Fixture[] = [];
  for (const outlet of readdirSync(FIXTURES).sort()) {
    const outletDir = path.join(FIXTURES, outlet);
    if (!statSync(outletDir).isDirectory()) continue;
    for (const slug of readdirSync(outletDir).sort()) {
      const dir = path.join(outletDir, slug);
      if (!statSync(dir).isDirectory()) continue;
      let url = '';
      let expected: PageMeta | null = null;
      const file = path.join(dir, 'expected.json');
      if (existsSync(file)) {
        const raw = JSON.parse(readFileSync(file, 'utf8')) as { url?: unknown; expected?: unknown };
        url = typeof raw.url === 'string' ? raw.url : '';
        expected = (raw.expected ?? null) as PageMeta | null;
      }
      out.push({ name: `${outlet}/${slug}`, outlet, dir, url, expected });
    }
  }
  return out;
}

const fixtures = findFixtures();

const windows: Window[] = [];
afterAll(async () => {
  await Promise.all(windows.map((w) => w.happyDOM.close()));
});

/** A document parsed from html at url, as a browser would show it, minus scripts and loads. */
function load(html: string, url = 'https://www.example.com/2026/02/03/some-article'): Document {
  const window = new Window({
    url,
    settings: {
      disableJavaScriptFileLoading: true,
      disableIframePageLoading: true,
      handleDisabledFileLoadingAsSuccess: true,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
        disableFallbackToSetURL: true,
      },
    },
  });
  windows.push(window);
  window.document.write(html);
  return window.document as unknown as Document;
}

const locationOf = (url: string) => {
  const u = new URL(url);
  return { href: u.href, hostname: u.hostname, pathname: u.pathname };
};

/** Runs readArticle and checks it left the DOM as it found it. */
function read(doc: Document, url: string): PageMeta | null {
  const before = doc.documentElement?.outerHTML ?? '';
  const result = readArticle(doc, locationOf(url));
  expect(doc.documentElement?.outerHTML ?? '', 'readArticle changed the DOM').toBe(before);
  return result;
}

const valid = (m: PageMeta) => {
  const r = v.safeParse(PageMetaSchema, m);
  return r.success ? [] : r.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`);
};

describe('outlet fixtures', () => {
  it(`finds at least ${MIN_FIXTURES} fixtures in test/fixtures/outlets/*/*/`, () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(MIN_FIXTURES);
  });

  it.each(fixtures)('$name is well-formed', (f) => {
    expect(existsSync(path.join(f.dir, 'page.html')), 'page.html').toBe(true);
    expect(existsSync(path.join(f.dir, 'expected.json')), 'expected.json').toBe(true);
    expect(f.url).toMatch(/^https:\/\//);
    expect(path.basename(f.dir)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    if (f.expected) expect(valid(f.expected), 'expected.json itself fails PageMetaSchema').toEqual([]);
  });

  it.each(fixtures)('$name: readArticle returns expected.json', (f) => {
    const doc = load(readFileSync(path.join(f.dir, 'page.html'), 'utf8'), f.url);
    const got = read(doc, f.url);
    expect(got).toEqual(f.expected);
    if (got) expect(valid(got)).toEqual([]);
  });

  it.each(fixtures)('$name: outlet folder is a registry id and matches the URL host', (f) => {
    expect(OUTLETS.map((o) => o.id)).toContain(f.outlet);
    expect(outletByHost(new URL(f.url).hostname)?.id).toBe(f.outlet);
  });
});

describe('fixture coverage', () => {
  it('every per-outlet patch has a fixture from its domain', () => {
    const src = readFileSync(path.join(REPO, 'src/content/patches.ts'), 'utf8');
    const domains = [...src.matchAll(/\bdomain:\s*(['"`])([^'"`]+)\1/g)].map((m) => m[2] ?? '');
    // If this fails, the patch list changed shape and the regex above needs to follow it.
    expect(domains.length).toBe([...src.matchAll(/\bpatch:\s*\(/g)].length);
    for (const d of domains) {
      expect(patchFor(d), d).toBeDefined();
      const hosts = fixtures.map((f) => new URL(f.url).hostname);
      expect(
        hosts.some((h) => h === d || h.endsWith(`.${d}`)),
        `no fixture under test/fixtures/outlets/ for the ${d} patch`,
      ).toBe(true);
    }
  });

  it("has, for each of the reference story's outlets, an article titled as in the story and a non-article page", () => {
    const story = readFileSync(path.join(REPO, 'data/ukraine-ceasefire-2026-02.txt'), 'utf8');
    // The story's "All related articles" list: "<Outlet>: <title>" lines.
    const titles = new Map<string, Set<string>>();
    for (const m of story.matchAll(/^(AP|BBC|CNN|Newsweek): ([^:\n]+)$/gm)) {
      const id = outletByName(m[1] ?? '')?.id ?? '';
      titles.set(id, (titles.get(id) ?? new Set()).add((m[2] ?? '').trim()));
    }
    expect([...titles.keys()].sort()).toEqual(['ap', 'bbc', 'cnn', 'newsweek']);
    for (const [id, set] of titles) {
      const mine = fixtures.filter((f) => f.outlet === id);
      expect(
        mine.some((f) => f.expected && set.has(f.expected.title)),
        `${id}: no fixture whose title is one of ${[...set].join(' / ')}`,
      ).toBe(true);
      expect(mine.some((f) => f.expected === null), `${id}: no home or section page fixture`).toBe(true);
    }
  });

  it('has at least four articles from outlets outside the reference story', () => {
    const others = new Set(fixtures.filter((f) => f.expected && !['ap', 'bbc', 'cnn', 'newsweek'].includes(f.outlet)).map((f) => f.outlet));
    expect(others.size).toBeGreaterThanOrEqual(4);
  });
});

/** A page head; a JSON-LD headline is the page's own only when it fits one of its titles (ogTitle). */
const HEAD = (extra = '', ogTitle = 'A headline from OpenGraph') => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Garbage test page | Example News</title>
<meta property="og:type" content="article"><meta property="og:site_name" content="Example News">
<meta property="og:title" content="${ogTitle.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">${extra}</head>`;
const BODY = '<body><article><h1>A headline</h1><p>This is the first paragraph of the article, long enough to be a lead.</p></article></body></html>';
const ld = (json: string) => `<script type="application/ld+json">${json}</script>`;

/** readArticle on html must not throw, must not touch the DOM, and must give null or a valid PageMeta. */
function robust(html: string, url?: string): PageMeta | null {
  const u = url ?? 'https://www.example.com/2026/02/03/some-article';
  const doc = load(html, u);
  let got: PageMeta | null = null;
  expect(() => {
    got = read(doc, u);
  }).not.toThrow();
  if (got) expect(valid(got)).toEqual([]);
  return got;
}

describe('readArticle on garbage', () => {
  it('skips broken and odd JSON-LD blocks and falls back to OpenGraph', () => {
    const blocks = [
      '{"@context":"https://schema.org","@type":"NewsArticle","headline":"Truncated',
      '<!-- {"@type":"NewsArticle"} -->',
      'null',
      '"NewsArticle"',
      '42',
      '[null, 1, "x", [], {}]',
      '{"@type": 5, "headline": {"text": "x"}}',
      '{"@graph": "not an array", "@type": ["Thing", 7, null]}',
      '',
    ];
    const got = robust(HEAD(blocks.map(ld).join('\n')) + BODY);
    expect(got?.title).toBe('A headline from OpenGraph');
  });

  it('survives JSON-LD article fields of the wrong types', () => {
    const json = JSON.stringify({
      '@type': ['NewsArticle', 3],
      headline: ['not', 'a', 'string'],
      description: { a: 1 },
      datePublished: 20260203,
      dateModified: null,
      author: [null, 7, { name: { first: 'X' } }, [[['Deep Name']]], { name: '  Real   Person ' }],
      publisher: 'Example News',
    });
    const got = robust(HEAD(ld(json)) + BODY);
    expect(got?.title).toBe('A headline from OpenGraph');
  });

  it('skips a 600 KB JSON-LD block', () => {
    const big = JSON.stringify({ '@type': 'NewsArticle', headline: 'From the big block', articleBody: 'lorem ipsum '.repeat(50_000) });
    expect(big.length).toBeGreaterThan(600_000);
    const got = robust(HEAD(ld(big)) + BODY);
    expect(got?.title).toBe('A headline from OpenGraph');
  });

  it('survives deeply nested JSON-LD', () => {
    const depth = 100_000;
    const arrays = `${'['.repeat(depth)}{"@type":"NewsArticle","headline":"Deep"}${']'.repeat(depth)}`;
    const graphs = `${'{"@graph":['.repeat(5_000)}{"@type":"NewsArticle","headline":"Deep graph"}${']}'.repeat(5_000)}`;
    const authors = `{"@type":"NewsArticle","headline":"Nested authors","author":${'['.repeat(depth)}"Someone"${']'.repeat(depth)}}`;
    const names = `{"@type":"NewsArticle","headline":"Nested names","author":${'{"name":'.repeat(depth)}"X"${'}'.repeat(depth)},"publisher":${'{"name":'.repeat(depth)}"Y"${'}'.repeat(depth)}}`;
    for (const block of [arrays, graphs, authors, names]) robust(HEAD(ld(block)) + BODY);
    expect(robust(HEAD(ld(authors), 'Nested authors') + BODY)?.title).toBe('Nested authors');
  });

  it('survives many JSON-LD blocks and huge arrays', () => {
    const many = Array.from({ length: 200 }, (_, i) => ld(`{"@type":"WebPage","name":"block ${i}"}`)).join('');
    robust(HEAD(many) + BODY);
    const wide = `[${Array.from({ length: 100_000 }, () => '{"@type":"Thing"}').join(',')}]`;
    robust(HEAD(ld(wide)) + BODY);
    const authors = JSON.stringify({ '@type': 'NewsArticle', headline: 'Many authors', author: Array.from({ length: 100_000 }, (_, i) => ({ name: `Author ${i}` })) });
    expect(robust(HEAD(ld(authors)) + BODY)?.author?.length ?? 0).toBeLessThanOrEqual(500);
  });

  it('does not backtrack on what the page repeats: long runs of spaces and punctuation in CDATA, titles, bylines and dates', () => {
    // Each of these made an end-anchored pattern retry at every position: quadratic, so the page hung.
    const spaces = ' '.repeat(400_000);
    const cdata = `<script type="application/ld+json"><![CDATA[${spaces}x</script>`;
    const commas = ','.repeat(200_000);
    const html =
      HEAD(`${cdata}<meta name="author" content="${commas}x"><meta property="article:published_time" content="${'1'.repeat(200_000)}">`, `Headline${commas}x`) +
      `<body><h1>Headline${commas}</h1><p class="byline">${'- '.repeat(100_000)}x</p></body></html>`;
    const got = robust(html);
    expect(got?.title.length).toBe(1000);
  });

  it('returns null on an empty document', () => {
    expect(robust('')).toBeNull();
    expect(robust('<!DOCTYPE html><html><head></head><body></body></html>')).toBeNull();
    expect(robust('<html><head><meta property="og:type" content="article"></head><body></body></html>')).toBeNull();
  });

  it('returns null on a document without a root element', () => {
    const doc = load('<p>x</p>');
    if (doc.documentElement) doc.removeChild(doc.documentElement);
    expect(doc.documentElement).toBeNull();
    expect(() => readArticle(doc, locationOf('https://www.example.com/2026/02/03/some-article'))).not.toThrow();
    expect(readArticle(doc, locationOf('https://www.example.com/2026/02/03/some-article'))).toBeNull();
  });

  it('keeps overlong fields within the schema limits', () => {
    const long = 'word '.repeat(3_000);
    const json = JSON.stringify({ '@type': 'NewsArticle', headline: long, description: long, author: long, datePublished: long, dateModified: long });
    const got = robust(HEAD(ld(json), long) + BODY.replace('first paragraph', long));
    expect(got?.title.length).toBe(1000);
  });

  it('rejects a bad canonical link without throwing', () => {
    const got = robust(HEAD('<link rel="canonical" href="http://[::1"><meta property="og:url" content="javascript:alert(1)">') + BODY);
    expect(got?.canonicalUrl).toBeUndefined();
    const js = robust(HEAD('<link rel="canonical" href="javascript:alert(1)">') + BODY);
    expect(js?.canonicalUrl).toBeUndefined();
  });
});

describe('helpers', () => {
  it('isFrontPath tells fronts from articles', () => {
    for (const p of ['/', '', '/world', '/news/uk/', '/hub/russia-ukraine', '/tag/ukraine-russia-crisis/']) expect(isFrontPath(p), p).toBe(true);
    for (const p of ['/news/articles/c8e1x2v9k7ro', '/2026/02/03/europe/x', '/trump-putin-one-week-kyiv-strike-pause-extreme-cold-2108442'])
      expect(isFrontPath(p), p).toBe(false);
  });

  it('decodes HTML character references in JSON-LD strings once, and leaves unknown ones alone', () => {
    const json = JSON.stringify({
      '@type': 'NewsArticle',
      headline: 'AT&amp;T&#8217;s &quot;deal&quot; &amp;#x27; &bogus; &#0; &#xD800; &#x1F600; &constructor;',
    });
    const decoded = 'AT&T’s "deal" &#x27; &bogus; &#0; &#xD800; 😀 &constructor;';
    expect(robust(HEAD(ld(json), decoded) + BODY)?.title).toBe(decoded);
  });

  it('jsonLd flattens arrays and @graph, and meta reads property= and name=', () => {
    const doc = load(
      HEAD(ld('[{"@type":"A"},{"@graph":[{"@type":"B"}]}]') + '<meta name="article:published_time" content="2026-02-03T00:00:00Z">') + BODY,
    );
    expect(jsonLd(doc).map((o) => o['@type'])).toEqual(['A', undefined, 'B']);
    expect(meta(metaTags(doc), 'og:type')).toBe('article');
    expect(meta(metaTags(doc), 'article:published_time')).toBe('2026-02-03T00:00:00Z');
    expect(meta(metaTags(doc), 'no-such-key')).toBeUndefined();
  });

  it('meta takes the first tag of a key in document order, by property or name, even when it is empty', () => {
    const doc = load(
      '<html><head><meta name="og:title" content=" First "><meta property="og:title" content="Second"><meta property="og:type" content="">' +
        '<meta property="og:type" content="article"><meta name="description"></head><body><meta name="author" content="In body"></body></html>',
    );
    expect(meta(metaTags(doc), 'og:title')).toBe('First');
    expect(meta(metaTags(doc), 'og:type')).toBeUndefined();
    expect(meta(metaTags(doc), 'description')).toBeUndefined();
    expect(meta(metaTags(doc), 'author')).toBe('In body');
  });
});
