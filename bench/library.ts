/**
 * npm run bench:library — importing a 10,000-story library: time and memory of the parse and
 * validation (the importer) and of the whole import into the library service (IndexedDB through
 * fake-indexeddb in Node, indexes built), beside MiniSearch indexing the same stories for scale.
 * Then, in real Chromium with the built extension (dist/chrome): a page calling history.pushState
 * 10,000 times while an extension page pings the worker — the worst answer time, beside the same
 * page's round trip to the browser alone — with Chromium's IPC flooding protection (as readers run
 * it) and without (as Playwright launches it by default). BENCH_LIBRARY_FLOOD=0 skips this part.
 * Between the two: a library Kagi News keeps (bench/kagi-sync.ts: a full edition synced from
 * localhost into 30 days of editions; 10,000 stories imported into 100,000), the library service
 * itself (bench/library-service.ts: a feed of 2,000 into 10,000 and an import of 10,000, with the
 * event loop's longest stall; BENCH_LIBRARY_SERVICE=0 skips it), and each text step's time on a
 * 10 MB pathological story (date phrases). The load average is printed at the start and the end.
 * The Kagi and service parts run on an older checkout too (its own src/), copying these bench files
 * into it: `node --expose-gc --import tsx OLD/bench/library.ts` with BENCH_LIBRARY_FLOOD=0.
 */
import 'fake-indexeddb/auto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import MiniSearch from 'minisearch';
import { LibraryService } from '../src/background/service';
import { exportLibrary } from '../src/core/library/import';
import * as v from 'valibot';
import { importText } from '../src/core/story/import';
import { StorySchema } from '../src/core/story/model';
import { findDisputes } from '../src/core/claims/disputes';
import { extractFigures } from '../src/core/claims/figures';
import { storyPassages } from '../src/core/claims/passages';
import { dateMentions } from '../src/core/claims/when';
import { tokenize } from '../src/core/text/tokens';
import { launchChromium, openOptionsPage, openTab, pageOf } from '../test/e2e/chromium';
import { REFERENCE_STORY, waitForStoryBadge } from '../test/e2e/badge';
import { CHROME_DIST, CHROMIUM, copyExtension, removeDir, requireExtension, requireFile } from '../test/e2e/env';
import { pushStateFlood, type FloodResult } from '../test/e2e/flood';
import { pageUrl, startFixtureServer } from '../test/e2e/server';
import { loadSplit } from './eval-lib';
import { kagiSyncBench } from './kagi-sync';
import { serviceBench } from './library-service';
import { synthLibrary } from './synth';

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const heap = () => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

const load = () => `load average ${loadavg().map((x) => x.toFixed(2)).join(', ')}`;

async function main() {
  console.log(`bench:library at ${new Date().toISOString()}, ${load()}`);
  const real = [...loadSplit('uci').stories, ...loadSplit('kagi').stories];
  // Synthetic stories are built as objects; keep those the schema accepts (a few have blank titles).
  const stories = synthLibrary(10_200, real).filter((s) => v.safeParse(StorySchema, s).success).slice(0, 10_000);
  const text = exportLibrary(stories, []);
  const rows: [string, number, number][] = [];

  let h0 = heap();
  let t0 = performance.now();
  const parsed = importText(text, 'library.json');
  rows.push(['parse + validate 10,000 stories (importer)', performance.now() - t0, heap() - h0]);

  h0 = heap();
  t0 = performance.now();
  const svc = await (await LibraryService.start([])).ready();
  await svc.import('library.json', text);
  svc.library.match({ url: 'https://example.com/x', title: 'warm up the index' });
  rows.push(['import into the library service (store + indexes)', performance.now() - t0, heap() - h0]);

  h0 = heap();
  t0 = performance.now();
  const ms = new MiniSearch({ fields: ['title', 'text'] });
  ms.addAll(parsed.map((s) => ({ id: s.id, title: s.title, text: s.articles.map((a) => a.title).join(' ') })));
  rows.push(['MiniSearch addAll of the same stories (peer, for scale)', performance.now() - t0, heap() - h0]);

  console.log(`Library import, ${stories.length.toLocaleString('en-US')} stories, ${(text.length / 1e6).toFixed(1)} MB of JSON`);
  for (const [what, ms2, mb] of rows) console.log(`  ${what.padEnd(56)} ${ms2.toFixed(0).padStart(7)} ms  ${mb.toFixed(1).padStart(7)} MB heap`);
  svc.close();

  // A library Kagi News keeps (bench/kagi-sync.ts). BENCH_LIBRARY_KAGI=0 skips this part.
  const kagi = process.env.BENCH_LIBRARY_KAGI === '0' ? [] : await kagiSyncBench();
  if (kagi.length) {
    console.log('\nKagi News: 30 days of full editions (190 categories × 12 stories), then day 31 from localhost; imports at scale');
    for (const r of kagi) console.log(`  ${r.what.padEnd(56)} ${r.ms.toFixed(0).padStart(7)} ms  ${r.note}`);
  }
  const service = process.env.BENCH_LIBRARY_SERVICE === '0' ? [] : await serviceBench(stories);
  if (service.length) {
    console.log(`\nThe library service (IndexedDB through fake-indexeddb), ${load()}`);
    for (const r of service) console.log(`  ${r.what.padEnd(56)} ${r.ms.toFixed(0).padStart(7)} ms  ${r.note}`);
  }

  // A 10 MB pathological but valid story: one summary sentence of date phrases (the kind that made
  // the disputes step quadratic), through every text step the popup's story view runs.
  const DATES = 'On Jan 29, 2026 the pause held until Feb 1 and until Friday, then resumed on March 3. ';
  const huge = DATES.repeat(Math.ceil(10e6 / DATES.length));
  const [reference] = importText(readFileSync(resolve(import.meta.dirname, '../data/ukraine-ceasefire-2026-02.txt'), 'utf8'), 'reference');
  const story = structuredClone(reference!);
  story.summary[0]!.text = huge;
  story.summary[0]!.sentences = [{ text: huge, citations: [1] }];
  const steps: [string, () => number][] = [
    ['tokenize', () => tokenize(huge).length],
    ['dateMentions', () => dateMentions(huge).length],
    ['extractFigures', () => extractFigures(huge).length],
    ['storyPassages', () => storyPassages(story).length],
    ['findDisputes', () => findDisputes(story).length],
  ];
  const pathological: [string, number, number][] = [];
  for (const [step, work] of steps) {
    const t = performance.now();
    const found = work();
    pathological.push([step, performance.now() - t, found]);
  }
  console.log(`\nA pathological story: one summary sentence of ${(huge.length / 1e6).toFixed(1)} MB of date phrases`);
  for (const [step, ms2, found] of pathological) console.log(`  ${step.padEnd(56)} ${ms2.toFixed(0).padStart(7)} ms  ${String(found).padStart(9)} found`);

  const floods: { protection: boolean; result: FloodResult & { workerLagMs: number } }[] = [];
  if (process.env.BENCH_LIBRARY_FLOOD !== '0') {
    for (const protection of [true, false]) floods.push({ protection, result: await flood(protection, 10_000) });
    console.log(`\nA page calling history.pushState 10,000 times; an extension page pings the worker throughout (real Chromium)`);
    console.log('  (browser-only: storage.local round trips from the same page at the same time, which the worker never sees)');
    console.log(`  ${'Chromium IPC flooding protection'.padEnd(34)} ${'page ms'.padStart(8)} ${'accepted'.padStart(9)} ${'pings'.padStart(6)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'worst ms'.padStart(9)} ${'browser-only worst ms'.padStart(22)} ${'worker loop max lag ms'.padStart(23)}`);
    for (const { protection, result: r } of floods) {
      const accepted = Number(new URL(r.lastUrl).searchParams.get('flood') ?? -1) + 1;
      console.log(
        `  ${(protection ? 'on (as readers run Chromium)' : 'off (Playwright default)').padEnd(34)} ${r.pageMs.toFixed(0).padStart(8)} ${String(accepted).padStart(9)} ${`${r.pings.answered}/${r.pings.sent}`.padStart(6)} ${r.pings.p50Ms.toFixed(1).padStart(7)} ${r.pings.p95Ms.toFixed(1).padStart(7)} ${r.pings.worstMs.toFixed(0).padStart(9)} ${r.pings.browserWorstMs.toFixed(0).padStart(22)} ${r.workerLagMs.toFixed(0).padStart(23)}`,
      );
    }
  }
  mkdirSync(resolve(import.meta.dirname, '../artifacts/bench'), { recursive: true });
  writeFileSync(resolve(import.meta.dirname, '../artifacts/bench/library.json'), JSON.stringify({ stories: stories.length, bytes: text.length, rows, kagi, service, pathological, floods }, null, 2));
  console.log(`\nbench:library done at ${new Date().toISOString()}, ${load()}`);
}

/** The pushState flood on the BBC fixture in a fresh Chromium with the built extension. */
async function flood(ipcFloodingProtection: boolean, changes: number): Promise<FloodResult & { workerLagMs: number }> {
  requireFile(CHROMIUM, 'Install Chromium: apt-get install chromium');
  requireExtension(CHROME_DIST, 'Build the extension first: npm run build:chrome');
  const server = await startFixtureServer();
  const extensionDir = copyExtension(CHROME_DIST);
  const session = await launchChromium({ extensionDir, server, ipcFloodingProtection });
  try {
    const url = `${pageUrl('bbcArticle')}?flood=start`;
    const tab = await openTab(session, url);
    await waitForStoryBadge(session, tab, REFERENCE_STORY, 'the BBC tab');
    const page = await pageOf(session, url);
    const options = await openOptionsPage(session);
    // The worker's own event loop: the longest it went without running a 10 ms timer.
    await session.worker.evaluate(() => {
      const g = globalThis as { floodLag?: number };
      g.floodLag = 0;
      let last = performance.now();
      setInterval(() => {
        const now = performance.now();
        g.floodLag = Math.max(g.floodLag ?? 0, now - last - 10);
        last = now;
      }, 10);
    });
    const result = await pushStateFlood(page, options, changes);
    return { ...result, workerLagMs: await session.worker.evaluate(() => (globalThis as { floodLag?: number }).floodLag ?? Number.NaN) };
  } finally {
    await session.close();
    await server.close();
    removeDir(extensionDir);
  }
}

await main();
