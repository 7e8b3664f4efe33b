/**
 * `npm run bench:pages` — the article reader (src/content/extract.ts, bundled as the content script
 * bundles it) on the readability-dev pages (../shared/data/pages/readability-dev: 25 news, 14 blog,
 * 6 other), in real Chromium, beside Mozilla Readability (the reader-view library) on the same pages
 * in the same run.
 *
 * Quality, scored by test/unit/extract-corpus.ts (the same scoring as the unit tests): article recall
 * on news and blog pages, precision (and how many "other" pages were taken), title, byline and
 * publication date. Readability's article decision is isProbablyReaderable() (what Firefox uses to
 * offer reader view); its fields come from parse(). Its own output is the expected metadata, so its
 * field scores mostly measure the few expectations judged wrong.
 *
 * Time: each page is loaded into a fresh tab (scripts off, nothing fetched); the reader is evaluated
 * in it and timed with performance.now(): the first call (cold, as the content script runs once per
 * page: compiling the reader's code included), the least of 3 fresh tabs, and the median of 20 further
 * calls in the first tab (warm). Readability: parse() of a clone of the document
 * (the clone not timed), 5 calls, median. p50/p95 over the pages. Chromium coarsens performance.now()
 * to 0.1 ms on such pages, so sub-millisecond cold times are to that grain.
 *
 * Env: BENCH_PAGES_RUNS (20), BENCH_PAGES_COLD_LOADS (3); BENCH_PAGES_BEFORE=<another checkout's root>
 * times and scores that checkout's reader too, in the same run (each load of a page gives each reader
 * a fresh tab of its own, one after the other, taking turns to go first), so a change is judged in
 * one machine state.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM } from '../test/e2e/env';
import { loadCorpus, scorePage, summarise, type CorpusPage, type PageScore, type Reading, type Summary } from '../test/unit/extract-corpus';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_PAGES_RUNS ?? 20);
const PEER_RUNS = 5;
const COLD_LOADS = Number(process.env.BENCH_PAGES_COLD_LOADS ?? 3);

/** The reader of the checkout at `root` as one script defining `StorylensReader`, minified like the content script. */
async function readerBundle(root: string): Promise<string> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      write: false,
      minify: true,
      lib: { entry: resolve(root, 'src/content/extract.ts'), formats: ['iife'], name: 'StorylensReader', fileName: 'reader' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs.flatMap((o) => o.output).find((c) => c.type === 'chunk');
  if (!chunk?.code) throw new Error('bench:pages: the reader bundle came out empty');
  return chunk.code;
}

interface InPage {
  storylens: Reading | null;
  cold: number;
  warm: number;
  readability: Reading | null;
  readabilityMs: number;
}

/** Runs in the page (a string, so the bundler's helpers never leak into it). */
const MEASURE = `(async ({ href, runs, peerRuns }) => {
  const u = new URL(href);
  const loc = { href: u.href, hostname: u.hostname, pathname: u.pathname };
  const t0 = performance.now();
  const first = StorylensReader.readArticle(document, loc);
  const cold = performance.now() - t0;
  const warm = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    StorylensReader.readArticle(document, loc);
    warm.push(performance.now() - s);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const readerable = peerRuns > 0 && isProbablyReaderable(document);
  let parsed = null;
  const peer = [];
  for (let i = 0; i < peerRuns; i++) {
    const clone = document.cloneNode(true);
    const s = performance.now();
    parsed = new Readability(clone).parse();
    peer.push(performance.now() - s);
  }
  const peerReading = readerable && parsed ? { title: parsed.title || undefined, author: parsed.byline || undefined, published: parsed.publishedTime || undefined } : null;
  return { storylens: first && { title: first.title, author: first.author, published: first.published }, cold, warm: median(warm), readability: peerReading, readabilityMs: median(peer) };
})`;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

/** The pages read by one checkout's reader: its reading of each page (in corpus order) and its times. */
interface ReaderRun {
  name: string;
  code: string;
  results: { page: CorpusPage; got: InPage }[];
}

async function main() {
  const corpus = loadCorpus();
  const readers: ReaderRun[] = [{ name: 'Storylens', code: await readerBundle(ROOT), results: [] }];
  const before = process.env.BENCH_PAGES_BEFORE;
  if (before) readers.push({ name: 'Storylens before', code: await readerBundle(resolve(before)), results: [] });
  const readability = readFileSync(resolve(ROOT, 'node_modules/@mozilla/readability/Readability.js'), 'utf8');
  const readerable = readFileSync(resolve(ROOT, 'node_modules/@mozilla/readability/Readability-readerable.js'), 'utf8');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const context = await browser.newContext({ javaScriptEnabled: false });
  await context.route('**/*', (route) => route.abort());
  try {
    for (const page of corpus) {
      const html = readFileSync(page.file, 'utf8');
      const got: (InPage | undefined)[] = readers.map(() => undefined);
      // Cold: the least of COLD_LOADS fresh tabs, so that another process taking the CPU mid-call is not counted.
      for (let load = 0; load < COLD_LOADS; load++) {
        // The readers take turns going first, so that neither always meets the page's second tab.
        const order = [...readers.entries()];
        if (load % 2 === 1) order.reverse();
        for (const [r, reader] of order) {
          const tab = await context.newPage();
          await tab.setContent(html, { waitUntil: 'domcontentloaded' });
          // Each library defines its globals with var / function declarations at the top level.
          await tab.evaluate(`${reader.code}; var module = undefined; ${readability}; ${readerable}; void 0`);
          // The peer is run once per page, in the first reader's first tab.
          const args = { href: page.url, runs: load === 0 ? RUNS : 0, peerRuns: load === 0 && r === 0 ? PEER_RUNS : 0 };
          const now = (await tab.evaluate(`${MEASURE}(${JSON.stringify(args)})`)) as InPage;
          const had = got[r];
          got[r] = had ? { ...had, cold: Math.min(had.cold, now.cold) } : now;
          await tab.close();
        }
      }
      for (const [r, reader] of readers.entries()) {
        const g = got[r];
        if (g) reader.results.push({ page, got: g });
      }
    }
  } finally {
    await browser.close();
  }

  const first = readers[0] as ReaderRun;
  const peerResults = first.results;
  const peer: PageScore[] = peerResults.map((r) => scorePage(r.page, r.got.readability));
  const p = summarise(peer);
  const peerMs = peerResults.map((r) => r.got.readabilityMs);
  const f = (x: number) => x.toFixed(3).padStart(9);
  const ms = (x: number) => x.toFixed(2).padStart(8);
  const row = (name: string, x: Summary, times: string) =>
    `  ${name.padEnd(22)}${f(x.recall)}${f(x.precision)}${String(x.otherAccepted).padStart(8)}${f(x.title)}${f(x.byline)}${f(x.published)}  ${times}`;
  const scored = readers.map((reader) => {
    const scores = reader.results.map((r) => scorePage(r.page, r.got.storylens));
    const cold = reader.results.map((r) => r.got.cold);
    const warm = reader.results.map((r) => r.got.warm);
    return { reader, scores, summary: summarise(scores), cold, warm };
  });
  const s = (scored[0] as (typeof scored)[number]).summary;
  const lines = [
    `Article reader on readability-dev (${corpus.length} pages: ${s.articles} news and blog, ${corpus.length - s.articles} other), Chromium; ms per page, p50 / p95 over the pages`,
    `  ${''.padEnd(22)}${'recall'.padStart(9)}${'precis.'.padStart(9)}${'other'.padStart(8)}${'title'.padStart(9)}${'byline'.padStart(9)}${'date'.padStart(9)}  time`,
    ...scored.map((x) => row(x.reader.name, x.summary, `cold ${ms(pct(x.cold, 0.5))} /${ms(pct(x.cold, 0.95))}   warm ${ms(pct(x.warm, 0.5))} /${ms(pct(x.warm, 0.95))}`)),
    row('Readability (peer)', p, `parse ${ms(pct(peerMs, 0.5))} /${ms(pct(peerMs, 0.95))}`),
    `  scored: title on ${s.counts.title} articles, byline on ${s.counts.byline} that show one, date on ${s.counts.published} that have one`,
    '  targets: recall ≥ 0.95, precision ≥ 0.95 (at most one other page), title ≥ 0.95, byline ≥ 0.80, date ≥ 0.95, extraction p95 < 2 ms',
  ];
  for (const x of scored) {
    const misses = x.scores.filter((m) => (m.label === 'other') === m.accepted || m.title === false || m.byline === false || m.published === false);
    for (const m of misses) {
      const what = [(m.label === 'other') === m.accepted ? (m.accepted ? 'other page accepted' : 'article rejected') : '', m.title === false ? 'title' : '', m.byline === false ? 'byline' : '', m.published === false ? 'date' : '']
        .filter(Boolean)
        .join(', ');
      lines.push(`  wrong (${x.reader.name}): ${m.name} (${m.label}): ${what}`);
    }
  }
  console.log(lines.join('\n'));
  mkdirSync(resolve(ROOT, 'artifacts/bench'), { recursive: true });
  const timed = (x: (typeof scored)[number]) => ({ ...x.summary, coldMs: { p50: pct(x.cold, 0.5), p95: pct(x.cold, 0.95) }, warmMs: { p50: pct(x.warm, 0.5), p95: pct(x.warm, 0.95) } });
  const [mine, old] = scored;
  writeFileSync(
    resolve(ROOT, 'artifacts/bench/pages.json'),
    JSON.stringify(
      {
        storylens: mine && timed(mine),
        ...(old ? { before: { root: before, ...timed(old) } } : {}),
        readability: { ...p, parseMs: { p50: pct(peerMs, 0.5), p95: pct(peerMs, 0.95) } },
        pages: first.results.map((r, i) => ({
          name: r.page.name,
          label: r.page.label,
          storylens: r.got.storylens,
          score: mine?.scores[i],
          coldMs: r.got.cold,
          warmMs: r.got.warm,
          ...(old ? { beforeColdMs: old.reader.results[i]?.got.cold, beforeWarmMs: old.reader.results[i]?.got.warm } : {}),
          readability: r.got.readability,
          readabilityMs: r.got.readabilityMs,
        })),
      },
      null,
      2,
    ),
  );
}

await main();
