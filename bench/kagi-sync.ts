/**
 * Part of npm run bench:library: a library kept by Kagi News. 30 daily full editions (190 category
 * files, 2,280 stories each, half of them stories that run all month under a new title each day)
 * are applied in process; then day 31 is synced from a local server (kite.json and 190 files over
 * HTTP) while a 10 ms timer measures how long the event loop went without running (the longest
 * synchronous stretch: what a service worker's ping would wait). Then 10,000 stories are imported
 * into libraries of 10,000 and 100,000: if there were a pairwise step the second would take about
 * ten times as long.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { feedFetchText, fetchEditions, kiteSource, parseCategoryEdition } from '../src/core/feeds/kagi-news';
import { Library } from '../src/core/library';
import { LivingLibrary } from '../src/core/library/living';
import { feedOrigin } from '../src/core/library/ownership';
import { runStepsPaused } from '../src/core/text/steps';
import * as storyImport from '../src/core/story/import';
import { pause } from '../src/background/pause';
import type { Story } from '../src/core/story/model';
import { syntheticEdition, type RawStory } from '../test/support/kagi-editions';
import { seededRandom } from '../test/support/random';
import { startKagiServer } from '../test/support/kagi-server';
import { variant } from './synth';

const CATEGORIES = 190;
const PER_CATEGORY = 12;
const DAYS = 30;
const DAY_MS = 86_400_000;
const START = Date.UTC(2025, 11, 1, 12, 30);

/** A store of stories without indexes (what the CLI keeps), or the extension's `Library`. */
class StoryMap {
  private readonly byId = new Map<string, Story>();
  get = (id: string) => this.byId.get(id);
  add = (s: Story) => void this.byId.set(s.id, s);
  remove = (id: string) => this.byId.delete(id);
  stories = () => this.byId.values();
}

const origin = (name: string) => feedOrigin(`https://kite.example/#${name.toLowerCase()}`);

export interface KagiBenchRow {
  what: string;
  ms: number;
  note: string;
}

/** The longest the event loop went without running a 10 ms timer, while `work` runs. */
export async function withLag<T>(work: () => Promise<T>): Promise<{ result: T; lagMs: number }> {
  let lag = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lag = Math.max(lag, now - last - 10);
    last = now;
  }, 10);
  try {
    const result = await work();
    // A stall still under way when the work ends counts too (one long synchronous step never lets the timer run).
    return { result, lagMs: Math.max(lag, performance.now() - last - 10) };
  } finally {
    clearInterval(timer);
  }
}

export async function kagiSyncBench(): Promise<KagiBenchRow[]> {
  const raws = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../shared/data/matching/kagi-dev-stories.json'), 'utf8')) as RawStory[];
  const rows: KagiBenchRow[] = [];

  // 30 days of editions, applied in process (the library a month of daily syncs leaves). Each
  // story is a clone of an imported dev story with the links and title syntheticEdition gives it,
  // so day 31's month-long stories are recognised by their links as they would be after real syncs.
  const templates = parseCategoryEdition(JSON.stringify({ clusters: raws.map(({ id: _id, ...r }) => r) }), { name: 'dev', url: 'dev.json' }).stories;
  const words = [...new Set(raws.flatMap((r) => [r.title, ...(r.articles ?? []).map((a) => a.title)]).flatMap((t) => t.split(/\s+/)).filter((w) => /^[A-Za-z]{4,}$/.test(w)))];
  const living = new LivingLibrary(new Library());
  let t0 = performance.now();
  for (let day = 1; day <= DAYS; day++) {
    const rand = seededRandom(1000 + day);
    const now = new Date(START + (day - 1) * DAY_MS);
    let n = 0;
    for (let c = 1; c <= CATEGORIES; c++) {
      const listing: Story[] = [];
      for (let k = 0; k < PER_CATEGORY; k++, n++) {
        const t = templates[n % templates.length] as Story;
        const raw = raws[n % raws.length] as RawStory;
        const title = Array.from({ length: 8 }, () => words[Math.floor(rand() * words.length)]).join(' ');
        const key = n % 2 === 0 ? `c${n}` : `d${day}s${n}`;
        const url = (j: number) => `https://${raw.articles?.[j]?.domain ?? 'example.org'}/${key}/a${j}`;
        const articles = t.articles.map((a, j) => ({ ...a, title: `${title} ${j}`, url: url(j) }));
        if (n % 2 === 0) articles.push({ outlet: 'example.org', title: `${title} day ${day}`, url: `https://example.org/${key}/day${day}`, domain: 'example.org' });
        listing.push({ ...t, id: `${key}-${day}`, title, articles, articleCount: articles.length, sources: t.sources.map((x, j) => (j < t.articles.length ? { ...x, url: url(j) } : { n: x.n, outlet: x.outlet, title: x.title, description: x.description })) });
      }
      living.applyListing(origin(`Category ${c}`), listing, now);
    }
    living.expire(now);
  }
  const held = [...living.stories.stories()].length;
  rows.push({ what: `${DAYS} daily editions applied in process (setup)`, ms: performance.now() - t0, note: `${held.toLocaleString('en-US')} stories held` });

  // Day 31 from localhost: kite.json, then 190 category files, 6 at a time, each merged as a whole.
  const day31 = syntheticEdition(raws, DAYS + 1, CATEGORIES, PER_CATEGORY);
  const server = await startKagiServer(day31);
  try {
    const now = new Date(START + DAYS * DAY_MS);
    const counts = { added: 0, updated: 0, unchanged: 0, stories: 0 };
    t0 = performance.now();
    const { lagMs } = await withLag(async () => {
      const source = kiteSource(server.base, feedFetchText(fetch, () => now));
      const results = await fetchEditions(source, await source.categories(), 6);
      for (const r of results) {
        if (!r.ok) throw new Error(r.error);
        const ch = living.applyListing(origin(r.category.name), r.edition.stories, now);
        counts.added += ch.added;
        counts.updated += ch.updated;
        counts.unchanged += ch.unchanged;
        counts.stories += r.edition.stories.length;
        // One category at a time: the loop runs between them.
        await new Promise((r2) => setImmediate(r2));
      }
      living.expire(now);
    });
    rows.push({
      what: `sync day ${DAYS + 1}: ${CATEGORIES} category files over HTTP into it`,
      ms: performance.now() - t0,
      note: `${counts.stories.toLocaleString('en-US')} stories: ${counts.added} added, ${counts.updated} updated, ${counts.unchanged} unchanged; event loop max lag ${lagMs.toFixed(0)} ms`,
    });
  } finally {
    await server.close();
  }

  // Import 10,000 stories into 10,000 and into 100,000: parse once, then merge by id and index.
  const base = (living.stories as unknown as Library).stories().slice(0, 2_000);
  const make = (count: number, tag: string) => Array.from({ length: count }, (_, i) => variant(base[i % base.length] as Story, `${tag}${Math.floor(i / base.length)}`));
  const incoming = storyImport.exportStories(make(10_000, 'new'));
  for (const size of [10_000, 100_000]) {
    const lib = new LivingLibrary(new StoryMap(), []);
    lib.import(make(size, 'old'), new Date(START));
    t0 = performance.now();
    const { result: stories, lagMs: readLag } = await withLag(() => readStories(incoming, 'import.json'));
    const parsedMs = performance.now() - t0;
    const { lagMs: mergeLag } = await withLag(async () => lib.import(stories, new Date(START + DAY_MS)));
    const total = performance.now() - t0;
    rows.push({
      what: `import 10,000 stories into ${size.toLocaleString('en-US')}`,
      ms: total,
      note: `read (parse + validate) ${parsedMs.toFixed(0)} ms, its event loop max lag ${readLag.toFixed(0)} ms; merge ${(total - parsedMs).toFixed(0)} ms, lag ${mergeLag.toFixed(0)} ms (one step: the CLI's merge)`,
    });
  }
  return rows;
}

/**
 * The stories of a file as the service reads them: in steps with pauses where the importer has them
 * (importTextSteps), at once in an older checkout without them.
 */
async function readStories(text: string, file: string): Promise<Story[]> {
  const stepped = (storyImport as { importTextSteps?: (t: string, f: string) => Generator<void, Story[], void> }).importTextSteps;
  if (!stepped) return storyImport.importText(text, file);
  return runStepsPaused(stepped(text, file), pause);
}
