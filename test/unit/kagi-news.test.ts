/**
 * Kagi News sources against a local server: kite.json and its category files, and the batch API,
 * both built from the dev Kagi stories; bad lists and category files fail with the file and field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { batchSource, feedFetchText, fetchEditions, kagiBase, kiteSource, parseKiteIndex, selectCategories } from '../../src/core/feeds/kagi-news';
import { devEdition, type RawStory } from '../support/kagi-editions';
import { startKagiServer, type KagiServer } from '../support/kagi-server';
import { rawKagiStories } from './helpers';

const raws = rawKagiStories() as unknown as RawStory[];
const edition = devEdition(raws, 1);
const fetchText = feedFetchText(fetch, () => new Date('2025-12-27T13:00:00Z'), { timeoutMs: 10_000 });

/** The same edition as the batch API serves it. */
function batchFiles(): Map<string, string> {
  const files = new Map<string, string>();
  files.set('api/batches/latest?lang=default', JSON.stringify({ id: 'b-1', createdAt: '2025-12-27T12:00:00Z', dateSlug: '2025-12-27', extra: true }));
  const cats = [...edition.categories.keys()].map((name, i) => ({ id: `c${i}`, categoryId: name.toLowerCase(), categoryName: name, sourceLanguage: 'en' }));
  files.set('api/batches/b-1/categories?lang=default', JSON.stringify({ categories: cats, hasOnThisDay: true }));
  for (const c of cats) {
    const file = JSON.parse(edition.files.get(`${c.categoryName.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.json`)!) as { clusters: unknown[]; timestamp: number };
    files.set(`api/batches/b-1/categories/${c.id}/stories?limit=12&lang=default`, JSON.stringify({ stories: file.clusters, timestamp: file.timestamp }));
  }
  return files;
}

let server: KagiServer;
beforeAll(async () => {
  server = await startKagiServer(edition.files);
});
afterAll(() => server.close());

describe('kite.json source', () => {
  it('lists the categories and reads every category file into stories', async () => {
    const source = kiteSource(server.base, fetchText);
    const cats = await source.categories();
    expect(cats.map((c) => c.name).sort()).toEqual([...edition.categories.keys()].sort());
    const results = await fetchEditions(source, cats, 3);
    expect(results.every((r) => r.ok)).toBe(true);
    const total = results.reduce((n, r) => n + (r.ok ? r.edition.stories.length : 0), 0);
    expect(total).toBe(raws.length);
  });

  it("one category's failure is recorded on that category; the others still come", async () => {
    const source = kiteSource(server.base, fetchText);
    const cats = await source.categories();
    const broken = cats[0]!;
    server.fail(new URL(broken.url).pathname.slice(1));
    const results = await fetchEditions(source, cats, 3);
    const failed = results.filter((r) => !r.ok);
    expect(failed.map((r) => r.category.name)).toEqual([broken.name]);
    expect(failed[0]!.ok === false && failed[0]!.error).toMatch(/HTTP 500/);
    expect(results.filter((r) => r.ok).length).toBe(cats.length - 1);
  });

  it('picks categories by name, case-insensitive, and names one it does not list', () => {
    const cats = [
      { name: 'World', url: 'https://k/world.json' },
      { name: 'Science', url: 'https://k/science.json' },
    ];
    expect(selectCategories(cats, ['world']).map((c) => c.name)).toEqual(['World']);
    expect(selectCategories(cats).length).toBe(2);
    expect(() => selectCategories(cats, ['World', 'Nowhere'])).toThrow(/no category named "Nowhere"/);
  });

  it('reads a list with extra fields, and refuses a bad list naming the file and field', () => {
    const base = 'https://kite.example/';
    expect(parseKiteIndex('{"categories":[{"name":"World","file":"world.json","x":1}],"y":2}', `${base}kite.json`, base)).toEqual([{ name: 'World', url: `${base}world.json` }]);
    expect(() => parseKiteIndex('{"categories":[{"name":"World"}]}', `${base}kite.json`, base)).toThrow(/kite\.json at \$\.categories\[0\]\.file: missing required field/);
    expect(() => parseKiteIndex('{"categories":[{"name":"World","file":"https://evil.example/w.json"}]}', `${base}kite.json`, base)).toThrow(/another host \(evil\.example\); refused/);
  });

  it('a base URL must be https, or plain http on localhost', () => {
    expect(kagiBase('https://kite.kagi.com')).toBe('https://kite.kagi.com/');
    expect(kagiBase('http://localhost:8080/news')).toBe('http://localhost:8080/news/');
    expect(() => kagiBase('http://kite.kagi.com/')).toThrow(/https/);
  });
});

describe('batch API source', () => {
  it('reads the latest batch, its categories and their stories, tolerant of extra fields', async () => {
    server.publish(batchFiles());
    try {
      const source = batchSource(server.base, fetchText);
      const cats = await source.categories();
      expect(cats.map((c) => c.name).sort()).toEqual([...edition.categories.keys()].sort());
      const results = await fetchEditions(source, cats, 3);
      expect(results.filter((r) => !r.ok)).toEqual([]);
      expect(results.reduce((n, r) => n + (r.ok ? r.edition.stories.length : 0), 0)).toBe(raws.length);
    } finally {
      server.publish(edition.files);
    }
  });
});
