/**
 * Hardening (issue 13), run by `npm run bench:library` after bench/library.ts:
 *
 * 1. In Node: each text step on pathological but valid stories (10 MB of date phrases in 200
 *    texts; 2,000 sentences of 5 KB of reporting clauses, of distinct dates, of citations) — the
 *    steps the popup's story view (disputes) and Check claim (passages) run — with the language
 *    parser warmed up as the background's would be.
 * 2. In real Chromium with the built extension (dist/chrome): the worker's answer times (an extension
 *    page pinging it every 5 ms) while the popup opens the 10 MB story, while it opens a story with
 *    a million citations (the chip bomb), and during a 10,000-pushState flood; and how long the
 *    popup took to show each story. BENCH_HARDENING_BROWSER=0 skips this part.
 *
 * `node --import tsx bench/hardening.ts` prints the tables alone; artifacts/bench/hardening.json.
 * BENCH_HARDENING_BEFORE=<dir of another Chrome build>: the browser part runs on that build too, in
 * the same run and machine state, before and after alternating (BENCH_HARDENING_ROUNDS, default 1).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { findDisputes } from '../src/core/claims/disputes';
import { storyPassages } from '../src/core/claims/passages';
import { storyStatements } from '../src/core/claims/statements';
import { dateMentions } from '../src/core/claims/when';
import { importText } from '../src/core/story/import';
import type { Story } from '../src/core/story/model';
import { tokenize } from '../src/core/text/tokens';
import { badgeText, launchChromium, openOptionsPage, openTab, pageOf, popupUrl, sendFromPage, type ChromeSession } from '../test/e2e/chromium';
import { CHROME_DIST, CHROMIUM, copyExtension, poll, removeDir, requireExtension, requireFile } from '../test/e2e/env';
import { pushStateFlood } from '../test/e2e/flood';
import { pingWhile, type Pings } from '../test/e2e/pings';
import { pageUrl, startFixtureServer } from '../test/e2e/server';

const ROOT = resolve(import.meta.dirname, '..');
const DATES = 'On Jan 29, 2026 the pause held until Feb 1 and until Friday, then resumed on March 3. ';
const SAYS = 'The ministry says the army denies that the council rejects the claim, while officials argue it was unlawful; ';
const times = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length));
const distinctDates = (chars: number) => {
  let s = '';
  for (let i = 0; s.length < chars; i++) s += `On ${['Jan', 'Feb', 'Mar', 'Apr'][i % 4]} ${1 + (i % 28)}, ${1900 + (i % 2000)} talks resumed. `;
  return s;
};

const reference = (): Story => importText(readFileSync(resolve(ROOT, 'data/ukraine-ceasefire-2026-02.txt'), 'utf8'), 'reference')[0]!;

/**
 * The reference story with `sentences` as its first summary sections, one section each, under its
 * own id and title. The story schema takes at most 50,000 characters a text and 5,000 items a list
 * (model.ts LIMITS): a valid story of megabytes has many texts, not one.
 */
function storyWith(id: string, title: string, sentences: { text: string; citations: number[] }[]): Story {
  const s = structuredClone(reference());
  s.id = id;
  s.title = title;
  s.summary = [...sentences.map((x, i) => ({ heading: `Part ${i + 1}`, text: x.text, citations: [], sentences: [x] })), ...s.summary];
  return s;
}

/** 10 MB of date phrases: 200 sentences of 50,000 characters. */
const tenMbOfDates = () => storyWith('hardening-dates', 'Hardening: ten megabytes of date phrases', Array.from({ length: 200 }, () => ({ text: times(DATES, 49_900), citations: [1] })));
/** A million citations: 200 sentences cited 5,000 times each, numbered as the story's sources are. */
function chipBomb(): Story {
  const ns = reference().sources.map((x) => x.n);
  return storyWith('hardening-chips', 'Hardening: a million citations', Array.from({ length: 200 }, (_, j) => ({ text: `Sentence ${j + 1}, cited 5,000 times.`, citations: Array.from({ length: 5_000 }, (_, i) => ns[i % ns.length]!) })));
}

function textSteps(): [string, string, number][] {
  // The background's parser is warm after its first story: so is this one.
  for (let i = 0; i < 3; i++) findDisputes(reference());
  const rows: [string, string, number][] = [];
  const time = (what: string, step: string, work: () => unknown) => {
    const t = performance.now();
    work();
    rows.push([what, step, performance.now() - t]);
  };
  const dates = times(DATES, 10e6);
  time('10 MB of date phrases (one text)', 'tokenize', () => tokenize(dates));
  time('10 MB of date phrases (one text)', 'dateMentions', () => dateMentions(dates));
  const stories: [string, Story][] = [
    ['10 MB of date phrases (200 texts of 50 KB)', tenMbOfDates()],
    ['2,000 sentences × 5 KB of reporting clauses', storyWith('s', 'says', Array.from({ length: 2000 }, () => ({ text: times(SAYS, 5000), citations: [1] })))],
    ['2,000 sentences × 5 KB of distinct dates', storyWith('d', 'dates', Array.from({ length: 2000 }, (_, i) => ({ text: distinctDates(5000 + i), citations: [1] })))],
    ['2,000 sentences × 5 KB of [1]', storyWith('c', 'cites', Array.from({ length: 2000 }, () => ({ text: times('[1]', 5000), citations: [1] })))],
    ['a million citations (200 × 5,000)', chipBomb()],
  ];
  for (const [what, story] of stories) {
    time(what, 'storyStatements', () => storyStatements(story));
    time(what, 'findDisputes', () => findDisputes(story));
    time(what, 'storyPassages', () => storyPassages(story));
  }
  return rows;
}

/** The popup (in a tab) looks a story up by its title, as a reader does: ms until it is listed. */
async function lookUp(popup: Page, title: string): Promise<number> {
  await popup.goto(popup.url());
  const t = performance.now();
  await popup.fill('input[role="combobox"]', title);
  await popup.locator('.results [role="option"]', { hasText: title }).first().waitFor({ timeout: 120_000 });
  return performance.now() - t;
}

/** The popup opens the listed story: ms until it is shown whole (its title, then the sections below the first screen). */
async function openListed(popup: Page, title: string): Promise<number> {
  const t = performance.now();
  await popup.locator('.results [role="option"]', { hasText: title }).first().click();
  await popup.locator('h1, h2', { hasText: title }).first().waitFor({ timeout: 120_000 });
  await popup.locator('main.story[aria-busy="false"]').waitFor({ timeout: 120_000 });
  // One frame after: the story is painted.
  await popup.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(undefined))));
  return performance.now() - t;
}

/**
 * BENCH_HARDENING_PROFILE=1: the worker's CPU profile during each scenario, written to
 * artifacts/bench/hardening-<n>.cpuprofile (open in DevTools' Performance panel), and its heaviest
 * functions (self time) printed: where the worker blocks.
 */
async function profiled(session: ChromeSession, name: string, during: () => Promise<void>): Promise<void> {
  if (process.env.BENCH_HARDENING_PROFILE !== '1') return during();
  const cdp = await session.browserCdp();
  const { targetInfos } = await cdp.send<{ targetInfos: { targetId: string; type: string; url: string }[] }>('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${session.extensionId}/`));
  if (!worker) throw new Error('no service worker target to profile');
  const { sessionId } = await cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId: worker.targetId, flatten: true });
  const s = cdp.session(sessionId);
  await s.send('Profiler.enable');
  await s.send('Profiler.setSamplingInterval', { interval: 200 });
  await s.send('Profiler.start');
  try {
    await during();
  } finally {
    const { profile } = await s.send<{ profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] } }>('Profiler.stop', {}, 60_000);
    await cdp.send('Target.detachFromTarget', { sessionId });
    const file = `artifacts/bench/hardening-${name.replace(/[^a-z0-9]+/gi, '-')}.cpuprofile`;
    mkdirSync(resolve(ROOT, 'artifacts/bench'), { recursive: true });
    writeFileSync(resolve(ROOT, file), JSON.stringify(profile));
    // Self time per function, from the samples' time deltas.
    const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map<string, number>();
    profile.samples.forEach((id, i) => {
      const f = byNode.get(id)!.callFrame;
      const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    console.log(`  profile of the worker while ${name} (${file}), self time:`);
    for (const [k, ms] of [...self.entries()].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`    ${ms.toFixed(0).padStart(6)} ms  ${k}`);
  }
}

/** A thread's longest task over a scenario: its wall time and the CPU time the thread got in it. */
interface LongestTask {
  wallMs: number;
  cpuMs: number;
}

type TraceEvent = { ph: string; name: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } };

/**
 * The longest tasks during `during`, from a Chromium trace (the `toplevel` category's task events):
 * of the worker ("ServiceWorker thread"), how long a ping may have to wait for the worker's own work;
 * and of the extension's pages (the main thread of the worker's process, where Chromium runs an
 * extension's pages: the popup, and the options page that only pings), how long the popup's render
 * held its thread. The CPU time (the thread's time in the task) does not count the time the machine
 * gave to other processes, so it can be compared across runs on a shared, loaded machine; the wall
 * time is what a ping or a reader saw.
 */
async function longestTasks(session: ChromeSession, during: () => Promise<void>): Promise<{ worker: LongestTask; pages: LongestTask }> {
  const cdp = await session.browserCdp();
  const events: TraceEvent[] = [];
  let collecting = true;
  cdp.on('Tracing.dataCollected', (params) => {
    if (collecting) events.push(...((params as { value: TraceEvent[] }).value ?? []));
  });
  const complete = new Promise<void>((ok) => cdp.on('Tracing.tracingComplete', () => ok()));
  await cdp.send('Tracing.start', { transferMode: 'ReportEvents', traceConfig: { includedCategories: ['toplevel', '__metadata'], excludedCategories: ['*'] } });
  try {
    await during();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    collecting = false;
  }
  const threads = events.filter((e) => e.ph === 'M' && e.name === 'thread_name');
  const workers = threads.filter((e) => /ServiceWorker/i.test(e.args?.name ?? ''));
  const workerPids = new Set(workers.map((e) => e.pid));
  const pages = threads.filter((e) => e.args?.name === 'CrRendererMain' && workerPids.has(e.pid));
  const longest = (of: TraceEvent[]) => {
    const ids = new Set(of.map((e) => `${e.pid}:${e.tid}`));
    let out: LongestTask = { wallMs: 0, cpuMs: 0 };
    for (const e of events) {
      if (e.ph !== 'X' || !/^(?:ThreadControllerImpl::)?RunTask$/.test(e.name) || !ids.has(`${e.pid}:${e.tid}`)) continue;
      const cpuMs = (e.tdur ?? 0) / 1000;
      if (cpuMs > out.cpuMs) out = { wallMs: (e.dur ?? 0) / 1000, cpuMs };
    }
    return out;
  };
  return { worker: longest(workers), pages: longest(pages) };
}

interface BrowserRow {
  what: string;
  pings: Pings;
  /** How long the popup took (to list the story, or to show it), when it did something. */
  shownMs: number | null;
  /** The worker's longest task meanwhile (by its CPU time). */
  task: LongestTask;
  /** The extension pages' longest task meanwhile: the popup's render (by its CPU time). */
  pageTask: LongestTask;
}

async function browser(dist: string): Promise<BrowserRow[]> {
  requireFile(CHROMIUM, 'Install Chromium: apt-get install chromium');
  requireExtension(dist, 'Build the extension first: npm run build:chrome');
  const server = await startFixtureServer();
  const extensionDir = copyExtension(dist);
  const session = await launchChromium({ extensionDir, server, ipcFloodingProtection: true });
  const rows: BrowserRow[] = [];
  try {
    const options = await openOptionsPage(session);
    for (const story of [tenMbOfDates(), chipBomb()]) {
      const r = await sendFromPage(options, 'library.import', { name: `${story.id}.json`, text: JSON.stringify(story) });
      if (!r.ok) throw new Error(`import of ${story.id}: ${r.error}`);
    }
    const popup = await session.context.newPage();
    await popup.goto(popupUrl(session));
    for (const [story, title] of [
      ['the 10 MB story of date phrases', 'Hardening: ten megabytes of date phrases'],
      ['the story with a million citations', 'Hardening: a million citations'],
    ] as const) {
      let shownMs = Number.NaN;
      for (const [what, step] of [
        [`the popup looks up ${story}`, () => lookUp(popup, title)],
        [`the popup opens ${story}`, () => openListed(popup, title)],
      ] as const) {
        let pings: Pings | undefined;
        const tasks = await longestTasks(session, () => profiled(session, what, async () => void (pings = (await pingWhile(options, async () => void (shownMs = await step()))).pings)));
        rows.push({ what, pings: pings!, shownMs, task: tasks.worker, pageTask: tasks.pages });
      }
    }
    const url = `${pageUrl('bbcArticle')}?flood=start`;
    const tab = await openTab(session, url);
    await poll(() => badgeText(session, tab), (b) => b !== '', 'a badge on the BBC tab (its story matched)');
    const floodPage = await pageOf(session, url);
    let flood: Awaited<ReturnType<typeof pushStateFlood>> | undefined;
    const tasks = await longestTasks(session, () => profiled(session, 'a pushState flood', async () => void (flood = await pushStateFlood(floodPage, options, 10_000))));
    if (!flood) throw new Error('the flood did not run');
    rows.push({ what: 'a page calls history.pushState 10,000 times', pings: flood.pings, shownMs: null, task: tasks.worker, pageTask: tasks.pages });
  } finally {
    await session.close();
    await server.close();
    removeDir(extensionDir);
  }
  return rows;
}

async function main() {
  const steps = textSteps();
  console.log('\nText steps on pathological stories (Node, parser warm; each story read up to its budget, text/budget.ts)');
  for (const [what, step, ms] of steps) console.log(`  ${what.padEnd(46)} ${step.padEnd(16)} ${ms.toFixed(0).padStart(7)} ms`);
  const runs: { build: string; rows: BrowserRow[]; load: number }[] = [];
  if (process.env.BENCH_HARDENING_BROWSER !== '0') {
    const before = process.env.BENCH_HARDENING_BEFORE ? resolve(process.env.BENCH_HARDENING_BEFORE) : null;
    const builds = before ? [['before', before], ['after', CHROME_DIST]] : [['', CHROME_DIST]];
    for (let round = 0; round < Number(process.env.BENCH_HARDENING_ROUNDS ?? 1); round++) {
      for (const [build, dist] of builds) {
        const load = loadavg()[0] ?? Number.NaN;
        runs.push({ build: build!, rows: await browser(dist!), load });
      }
    }
    console.log('\nThe worker under attack (real Chromium, built extension, IPC flooding protection on): an options page pings it every 5 ms');
    console.log("  (browser ms: the same page's worst round trip to the browser alone, which never reaches the worker;");
    console.log("   worker task, page task: the longest task meanwhile of the worker and of the extension's pages (the popup), CPU ms of its thread / wall ms, from a trace;");
    console.log("   popup ms: until the story is listed, or until it is shown whole (the sections below the first screen rendered); load: the 1-minute load average before the build's run)");
    console.log(`  ${''.padEnd(63)} ${'pings'.padStart(9)} ${'p95 ms'.padStart(7)} ${'worst ms'.padStart(9)} ${'browser ms'.padStart(11)} ${'popup ms'.padStart(9)} ${'worker task'.padStart(12)} ${'page task'.padStart(10)}`);
    for (const { build, rows, load } of runs) {
      for (const r of rows) {
        const what = `${build ? `${build.padEnd(6)} ` : ''}${r.what}`;
        console.log(`  ${what.padEnd(63)} ${`${r.pings.answered}/${r.pings.sent}`.padStart(9)} ${r.pings.p95Ms.toFixed(1).padStart(7)} ${r.pings.worstMs.toFixed(0).padStart(9)} ${r.pings.browserWorstMs.toFixed(0).padStart(11)} ${(r.shownMs === null ? '' : r.shownMs.toFixed(0)).padStart(9)} ${`${r.task.cpuMs.toFixed(0)}/${r.task.wallMs.toFixed(0)}`.padStart(12)} ${`${r.pageTask.cpuMs.toFixed(0)}/${r.pageTask.wallMs.toFixed(0)}`.padStart(10)}  load ${load.toFixed(1)}`);
      }
    }
  }
  mkdirSync(resolve(ROOT, 'artifacts/bench'), { recursive: true });
  writeFileSync(resolve(ROOT, 'artifacts/bench/hardening.json'), JSON.stringify({ steps, browser: runs }, null, 2));
}

await main();
