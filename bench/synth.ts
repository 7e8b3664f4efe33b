/**
 * Synthetic story libraries for the match benchmark, built only from the real headlines of the dev
 * split (../shared/data/matching: UCI + Kagi story titles, article titles and source titles).
 *
 * Each synthetic story samples k = 3..12 distinct real headlines (with their real outlets), takes one
 * of them as its title, and is dated inside a 2-year window centred on the era of that title headline
 * (±365 days around the headline's own date: Mar 2014 for UCI headlines, Dec 2025 for Kagi), its
 * articles spread over 0–3 days from that date. The real dev stories are inserted at random positions
 * so that the dev pages still have their stories. Everything is driven by a seeded PRNG (mulberry32),
 * so a given (size, seed) always yields the same library.
 *
 * Note: the pool holds only ~690 distinct headlines, so at 10k stories each headline recurs in ~100
 * stories and at 100k in ~1,000. The distractors are therefore near-duplicates of the real stories'
 * vocabulary: a deliberately hard, not a typical, library.
 */
import type { Article, Source, Story } from '../src/core/story/model';
import { seededRandom } from '../test/support/random';

const DAY = 86_400_000;

/** The seeded PRNG shared with the tests. */
export const prng = seededRandom;

/** `s` with `tag` in its id, title and links: a distinct story of the same shape and size. */
export const variant = (s: Story, tag: string): Story => ({
  ...s,
  id: `${s.id}-${tag}`,
  title: `${s.title} ${tag}`,
  articles: s.articles.map((a) => (a.url ? { ...a, url: `${a.url}/${tag}` } : a)),
  sources: s.sources.map((x) => (x.url ? { ...x, url: `${x.url}/${tag}` } : x)),
});

export interface Headline {
  title: string;
  outlet: string;
  domain: string | undefined;
  /** The headline's own date (ms): its article's date, else its story's update time, else the split's era. */
  date: number;
}

/** Distinct real headlines of the given stories, with an outlet and a date each. */
export function headlinePool(stories: readonly Story[]): Headline[] {
  const seen = new Map<string, Headline>();
  for (const s of stories) {
    const articleDates = s.articles.map((a) => (a.published ? Date.parse(a.published) : Number.NaN)).filter(Number.isFinite);
    const storyDate = s.updated ? Date.parse(s.updated) : (articleDates[0] ?? Date.parse(s.id.startsWith('uci-') ? '2014-03-15' : '2025-12-25'));
    const put = (title: string, outlet: string, domain: string | undefined, published: string | undefined) => {
      if (seen.has(title)) return;
      const d = published ? Date.parse(published) : Number.NaN;
      seen.set(title, { title, outlet, domain, date: Number.isFinite(d) ? d : storyDate });
    };
    const first = s.articles[0] ?? s.sources[0];
    put(s.title, first?.outlet ?? 'Unknown', first?.domain, s.articles[0]?.published);
    for (const a of s.articles) put(a.title, a.outlet, a.domain, a.published);
    for (const x of s.sources) put(x.title, x.outlet, x.domain, undefined);
  }
  return [...seen.values()];
}

/** One synthetic story shaped like an imported UCI story (articles, and sources mirroring them). */
function synthStory(i: number, pool: readonly Headline[], rand: () => number): Story {
  const k = 3 + Math.floor(rand() * 10);
  const picked = new Set<number>();
  while (picked.size < Math.min(k, pool.length)) picked.add(Math.floor(rand() * pool.length));
  const heads = [...picked].map((j) => pool[j] as Headline);
  const title = heads[Math.floor(rand() * heads.length)] as Headline;
  const base = title.date + (rand() * 2 - 1) * 365 * DAY;
  const articles: Article[] = heads.map((h, j) => {
    const host = h.domain ?? 'synth.example';
    return {
      outlet: h.outlet,
      title: h.title,
      url: `https://${host}/synth/${i}/${j}`,
      domain: host,
      published: new Date(Math.round(base + rand() * 3 * DAY)).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
  });
  const sources: Source[] = articles.map((a, j) => ({ n: j + 1, outlet: a.outlet, title: a.title, description: '', ...(a.url ? { url: a.url } : {}), ...(a.domain ? { domain: a.domain } : {}) }));
  const updated = articles.map((a) => a.published as string).sort().at(-1) as string;
  return { id: `syn-${i}`, title: title.title, updated, articleCount: articles.length, summary: [], sources, timeline: [], articles, links: [], perspectives: [], format: 'kagi' };
}

/**
 * A library of exactly `size` stories: `size − real.length` synthetic stories made from the headlines
 * of `real`, with the real stories inserted at seeded random positions.
 */
export function synthLibrary(size: number, real: readonly Story[], seed = 20_260_301): Story[] {
  const rand = prng(seed);
  const pool = headlinePool(real);
  const out: Story[] = [];
  for (let i = 0; out.length < size - real.length; i++) out.push(synthStory(i, pool, rand));
  for (const s of real) out.splice(Math.floor(rand() * (out.length + 1)), 0, s);
  return out;
}
