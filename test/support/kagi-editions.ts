/**
 * Kagi News editions for the tests and the benchmark, built from the dev Kagi stories
 * (../shared/data/matching/kagi-dev-stories.json): `kite.json` and one file per category, over two
 * "days". Stories carry no `id`, as Kagi publishes them, so recognising a story across days rests
 * on its links and title. On day 2:
 * - every third story is retitled with the headline of one of its own articles (a real headline of
 *   the same event), gains two articles and a timeline entry, and lists one article fewer;
 * - every fifth (not retitled) story is no longer listed;
 * - the others come back unchanged.
 */
import { seededRandom } from './random';

export type RawStory = Record<string, unknown> & { title: string; articles?: { title: string; link?: string; domain?: string; date?: string }[]; timeline?: unknown[] };
export type Day = 1 | 2;

export const DAY_TIMESTAMP: Record<Day, number> = { 1: Date.UTC(2025, 11, 27, 12) / 1000, 2: Date.UTC(2025, 11, 28, 12) / 1000 };

export const retitled = (i: number): boolean => i % 3 === 0;
export const delisted = (i: number): boolean => !retitled(i) && i % 5 === 4;

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';

/** A story as published on `day` (undefined: not listed that day). `i` is its place in the dev file. */
export function storyOnDay(raw: RawStory, i: number, day: Day): RawStory | undefined {
  const { id: _id, ...story } = raw;
  if (day === 1) return story as RawStory;
  if (delisted(i)) return undefined;
  if (!retitled(i)) return story as RawStory;
  const articles = [...(story.articles ?? [])];
  const headline = articles.find((a) => a.title.trim() && a.title.trim() !== story.title.trim())?.title ?? `${story.title} (day 2)`;
  const domain = articles[0]?.domain ?? 'example.org';
  const gained = [1, 2].map((k) => ({ title: `${headline} — report ${k}`, link: `https://${domain}/day-2/${slug(headline).slice(0, 40)}-${i}-${k}`, domain, date: new Date(DAY_TIMESTAMP[2] * 1000).toISOString() }));
  return {
    ...story,
    title: headline,
    articles: [...articles.slice(1), ...gained],
    timeline: [...(story.timeline ?? []), { date: 'Dec 28, 2025', content: `Later reports: ${headline}.` }],
  };
}

export interface Edition {
  /** Path (from the base URL) → JSON body. */
  files: Map<string, string>;
  /** Category name → the dev indexes of its stories. */
  categories: Map<string, number[]>;
}

/** Day `day`'s edition of the dev stories, grouped by their `category` field. */
export function devEdition(raws: readonly RawStory[], day: Day): Edition {
  const categories = new Map<string, number[]>();
  raws.forEach((r, i) => {
    const name = typeof r.category === 'string' && r.category.trim() ? r.category.trim() : 'World';
    categories.set(name, [...(categories.get(name) ?? []), i]);
  });
  if (!categories.has('World')) categories.set('World', []);
  const files = new Map<string, string>();
  const list = [...categories.keys()].map((name) => ({ name, file: `${slug(name)}.json`, extra_field: 'ignored' }));
  files.set('kite.json', JSON.stringify({ categories: list, generated_by: 'test' }));
  for (const { name, file } of list) {
    const clusters = (categories.get(name) ?? []).map((i) => storyOnDay(raws[i] as RawStory, i, day)).filter((s) => s !== undefined);
    files.set(file, JSON.stringify({ category: name, timestamp: DAY_TIMESTAMP[day], read: 1, clusters }));
  }
  return { files, categories };
}

/**
 * A full-size edition for the benchmark: `categoryCount` categories of `perCategory` stories built
 * from the dev stories. Every even slot is a story that runs all month: the same article links
 * every day plus one new article a day, under a new title each day (so only its links say it is the
 * same story); every odd slot is a story of that day only. Titles are words drawn from the dev
 * titles, so no two stories are one by their titles.
 */
export function syntheticEdition(raws: readonly RawStory[], day: number, categoryCount: number, perCategory: number): Map<string, string> {
  const words = [...new Set(raws.flatMap((r) => [r.title, ...(r.articles ?? []).map((a) => a.title)]).flatMap((t) => t.split(/\s+/)).filter((w) => /^[A-Za-z]{4,}$/.test(w)))];
  const rand = seededRandom(1000 + day);
  const files = new Map<string, string>();
  const list: { name: string; file: string }[] = [];
  let n = 0;
  for (let c = 0; c < categoryCount; c++) {
    const name = `Category ${c + 1}`;
    const file = `category-${c + 1}.json`;
    list.push({ name, file });
    const clusters: RawStory[] = [];
    for (let k = 0; k < perCategory; k++, n++) {
      const base = raws[n % raws.length] as RawStory;
      const title = Array.from({ length: 8 }, () => words[Math.floor(rand() * words.length)]).join(' ');
      const key = n % 2 === 0 ? `c${n}` : `d${day}s${n}`;
      const { id: _id, ...rest } = base;
      const articles = (base.articles ?? []).map((a, j) => ({ ...a, title: `${title} ${j}`, link: `https://${a.domain ?? 'example.org'}/${key}/a${j}` }));
      if (n % 2 === 0) articles.push({ title: `${title} day ${day}`, link: `https://example.org/${key}/day${day}`, domain: 'example.org' });
      clusters.push({ ...rest, title, articles, source_urls: [] });
    }
    files.set(file, JSON.stringify({ category: name, timestamp: DAY_TIMESTAMP[1] + day * 86400, clusters }));
  }
  files.set('kite.json', JSON.stringify({ categories: list }));
  return files;
}
