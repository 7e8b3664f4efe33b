/**
 * `npm run bench:popup` — how fast the real toolbar popup is ready, in real Chromium with the real
 * build (dist/chrome), on a tab matched to the reference story (the BBC fixture page, served over
 * local https under www.bbc.com like the e2e tests do).
 *
 * "Ready" is `performance.getEntriesByName('storylens:ready')[0].startTime` in the popup: the popup
 * marks it once the tab's view is on screen (src/popup/App.tsx: for a story, its first screen —
 * title, coverage strip, disputes, key timeline step — rendered, then a frame painted:
 * src/popup/afterPaint.ts), so it counts from the popup's navigation start: page load, scripts, the
 * tab.view round trip to the service worker, first render, the browser showing the popup and painting
 * it. "Painted" is the browser's own account of the same moment: when the story's title was painted
 * (Element Timing, `<h1 elementtiming="storylens-story">`; a build without that attribute has no such
 * row). Also read, as where a run's time goes: the navigation's HTML received and parsed, when the
 * view was asked and answered, the first contentful paint, and `storylens:complete` (every section
 * below the first screen rendered and painted too).
 *
 * A toolbar popup is shown only once its page has loaded (its load event), and gets no frame before
 * that: what runs before the load delays the popup, and no "after the first frame" callback can
 * come before it. The browser's floor (popup-floor.ts) is measured beside the builds, in the same
 * rounds: an empty extension page, and the same page asking the background for the tab's view.
 *
 * Two libraries, in one browser profile: the built-in story only, then after importing 10,000
 * stories (synthesised from the UCI and Kagi dev stories by bench/synth.ts, imported through the
 * options page as a library export). For each:
 *  - warm: the popup opened 20 times with chrome.action.openPopup() from the running service
 *    worker, closed in between with CDP Target.closeTarget;
 *  - cold: 5 times, the service worker stopped first (CDP Target.closeTarget on its target), the popup
 *    opened like a click on the toolbar button (CDP Extensions.triggerAction): the worker starts, loads
 *    the library from IndexedDB and builds its indexes before it can answer.
 * Prints p50/p95/max per case with the 10k ÷ built-in ratio, the floor pages' times beside the first
 * build's, and the library import time; writes
 * artifacts/bench/popup.json. The machine's load average (os.loadavg, as `uptime` prints it) is
 * printed when the runs start and end: the popup's times follow the load of a shared machine.
 *
 * Several builds (BENCH_POPUP_DIST=a,b) are measured in one run, each in its own browser, their
 * popups opened in turn (a, b, then b, a, …) so that both see the same load; then a table sets each
 * case of the first build beside the others'.
 *
 * Env: BENCH_POPUP_STORIES (default 10000), BENCH_POPUP_RUNS (20), BENCH_POPUP_COLD_RUNS (5),
 * BENCH_POPUP_DIST (default dist/chrome: the Chrome build(s) to measure, comma-separated, e.g. a copy
 * of the build before a change and the build after it), BENCH_POPUP_TRACE (a file: a Chromium trace of
 * one more warm run with the big library, not counted, one file per build, to see where a popup's time goes).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, resolve } from 'node:path';
import { exportLibrary } from '../src/core/library/import';
import { listTargets } from '../test/e2e/cdp';
import {
  launchChromium,
  monitorWorker,
  openOptionsPage,
  openPopup,
  openTab,
  pageOf,
  sendFromPage,
  stopServiceWorker,
  waitForWorker,
  type ChromeSession,
  type Popup,
  type Tab,
  type WorkerMonitor,
} from '../test/e2e/chromium';
import { REFERENCE_STORY, waitForStoryBadge } from '../test/e2e/badge';
import { CHROME_DIST, CHROMIUM, copyExtension, poll, removeDir, requireExtension, requireFile } from '../test/e2e/env';
import { pageUrl, startFixtureServer } from '../test/e2e/server';
import { DATA, loadSplit } from './eval-lib';
import { floorPath, withFloorPopup, writeFloorPages, type FloorPage } from './popup-floor';
import { synthLibrary } from './synth';

const ROOT = resolve(import.meta.dirname, '..');
const STORIES = Number(process.env.BENCH_POPUP_STORIES ?? 10_000);
const RUNS = Number(process.env.BENCH_POPUP_RUNS ?? 20);
const COLD_RUNS = Number(process.env.BENCH_POPUP_COLD_RUNS ?? 5);
const TARGET_MS = 100;
const DISTS = process.env.BENCH_POPUP_DIST ? process.env.BENCH_POPUP_DIST.split(',').filter(Boolean).map((d) => resolve(d)) : [CHROME_DIST];
const TRACE = process.env.BENCH_POPUP_TRACE ? resolve(process.env.BENCH_POPUP_TRACE) : undefined;
const EXPECTED_READING = 'You are reading: BBC (source 6)';

const t0 = performance.now();
const log = (msg: string) => console.error(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`);

interface Stats {
  runs: number;
  p50: number;
  p95: number;
  max: number;
  min: number;
  mean: number;
  all: number[];
}

/** Of the runs that have the number (a paint the browser did not report is NaN: left out). */
function stats(xs: number[]): Stats {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] as number;
  const r = (x: number) => Math.round(x * 10) / 10;
  return { runs: s.length, p50: r(q(0.5)), p95: r(q(0.95)), max: r(s.at(-1) ?? NaN), min: r(s[0] ?? NaN), mean: r(s.reduce((a, b) => a + b, 0) / s.length), all: xs.map(r) };
}

interface Run {
  /** storylens:ready, ms from the popup's navigation start. */
  ready: number;
  /** DOMContentLoaded's end (the page and its module scripts loaded and run), same origin. */
  dcl: number;
  /** When the popup asked the background for the tab's view, and when the answer came (ms from navigation start). */
  asked: number;
  answered: number;
  /** storylens:complete: every section below the first screen rendered too. */
  complete: number;
  /** The browser's own timing: the page's HTML received (navigation responseEnd), parsed (domInteractive), and its first paint with content (the loading state, or the story). */
  html: number;
  parsed: number;
  fcp: number;
  /**
   * When the story's title was painted (Element Timing: the popup's \`<h1 elementtiming="storylens-story">\`,
   * the floor page's \`<main>\`): the story visible, by the browser's own account; NaN when not reported.
   */
  painted: number;
  reading: string | null;
  /** What the popup showed instead, when it showed no reading line: its first heading and text. */
  shown: string;
}

/** The popup's ready mark (ms from its navigation start), once it is there; and what it shows. */
async function readyTime(popup: Popup): Promise<Run> {
  return poll(
    () =>
      popup.cdp.evaluate<Run | null>(`(async () => {
        // Element Timing entries are read only through an observer (buffered: the ones already painted).
        const painted = await new Promise((ok) => {
          const o = new PerformanceObserver((list) => ok(list.getEntries().find((x) => x.identifier === 'storylens-story')?.renderTime ?? NaN));
          o.observe({ type: 'element', buffered: true });
          setTimeout(() => { o.disconnect(); ok(NaN); }, 30);
        });
        const e = performance.getEntriesByName('storylens:ready')[0];
        const nav = performance.getEntriesByType('navigation')[0];
        const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
        const c = performance.getEntriesByName('storylens:complete')[0];
        const fcp = performance.getEntriesByName('first-contentful-paint')[0];
        // A build without the marked title (an older one) reports no paint: it is not waited for.
        const paintDue = document.querySelector('[elementtiming="storylens-story"]') !== null;
        return e && c && !(paintDue && Number.isNaN(painted)) ? { ready: e.startTime, dcl: nav ? nav.domContentLoadedEventEnd : NaN, html: nav ? nav.responseEnd : NaN, parsed: nav ? nav.domInteractive : NaN, fcp: fcp ? fcp.startTime : NaN, painted, asked: at('storylens:view-asked'), answered: at('storylens:view-answered'), complete: c.startTime, reading: document.querySelector('.reading')?.textContent.replace(/\\s+/g, ' ').trim() ?? null, shown: (document.querySelector('main')?.innerText ?? '').replace(/\\s+/g, ' ').slice(0, 200) } : null;
      })()`),
    (r) => r !== null,
    'the popup to mark storylens:ready and storylens:complete',
    { timeout: 60_000, interval: 20 },
  ) as Promise<Run>;
}

/** Closes the popup with CDP Target.closeTarget, and waits until it is gone. */
async function closePopup(s: ChromeSession, popup: Popup): Promise<void> {
  popup.cdp.close();
  await (await s.browserCdp()).send('Target.closeTarget', { targetId: popup.targetId });
  await poll(async () => (await listTargets(s.debugPort)).some((t) => t.id === popup.targetId), (open) => !open, 'the popup to close');
}

/**
 * A browser-wide Chromium trace (every process: the popup's renderer, the service worker, the browser's
 * UI thread), for BENCH_POPUP_TRACE; the function returned ends it and gives its events (the
 * Trace Event Format: open it in Perfetto or chrome://tracing).
 */
async function startTrace(s: ChromeSession): Promise<() => Promise<unknown[]>> {
  const cdp = await s.browserCdp();
  const events: unknown[] = [];
  let complete: () => void = () => undefined;
  cdp.on('Tracing.dataCollected', (p) => events.push(...(p.value as unknown[])));
  cdp.on('Tracing.tracingComplete', () => complete());
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'blink', 'blink.user_timing', 'loading', 'navigation', 'toplevel', 'extensions'];
  await cdp.send('Tracing.start', { categories: categories.join(','), transferMode: 'ReportEvents' });
  return async () => {
    const completed = new Promise<void>((ok) => (complete = ok));
    await cdp.send('Tracing.end');
    await completed;
    return events;
  };
}

/**
 * One popup opened with chrome.action.openPopup() from the running worker, read, and closed. `page`:
 * a floor page (popup-floor.ts) shown instead of the popup, which has no reading line to check.
 */
async function warmRun(s: ChromeSession, tab: Tab, i: number, traceTo?: string, page?: FloorPage): Promise<Run> {
  const tracing = traceTo ? await startTrace(s) : undefined;
  const popup = await openPopup(s, tab, { page: page && floorPath(page) });
  const run = await readyTime(popup);
  if (tracing && traceTo) {
    writeFileSync(traceTo, JSON.stringify({ traceEvents: await tracing() }));
    log(`wrote a Chromium trace of this popup to ${traceTo}`);
  }
  await closePopup(s, popup);
  if (page === undefined && run.reading !== EXPECTED_READING) throw new Error(`run ${i + 1}: the popup showed ${JSON.stringify(run.reading)}, not ${JSON.stringify(EXPECTED_READING)}`);
  return run;
}

/** One popup opened like a click on the toolbar button, the service worker stopped first. */
async function coldRun(s: ChromeSession, tab: Tab, url: string, monitor: WorkerMonitor, i: number): Promise<Run> {
  // The monitor's tab opened (or the last popup woke the worker): the article tab is made active again.
  await (await pageOf(s, url)).bringToFront();
  await waitForWorker(s);
  await stopServiceWorker(s, monitor);
  const popup = await openPopup(s, { ...tab, url }, { via: 'action' });
  const run = await readyTime(popup);
  await closePopup(s, popup);
  if (run.reading !== EXPECTED_READING) throw new Error(`cold run ${i + 1}: the popup showed ${JSON.stringify(run.reading)}, not ${JSON.stringify(EXPECTED_READING)}; it showed ${JSON.stringify(run.shown)}`);
  return run;
}

/** One build under measurement: its browser, the article tab, and what was measured. */
interface Build {
  dist: string;
  label: string;
  extensionDir: string;
  session?: ChromeSession;
  tab?: Tab;
  baseWarm: Run[];
  baseCold: Run[];
  bigWarm: Run[];
  bigCold: Run[];
  importMs: number;
  size: number;
}

/** `runs` rounds; each round runs `one` for every build (or floor page), in turn, the order reversed every other round. */
async function inTurn<T>(builds: T[], runs: number, one: (b: T, i: number) => Promise<Run>, into: (b: T) => Run[]): Promise<void> {
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? builds : [...builds].reverse();
    for (const b of order) into(b).push(await one(b, i));
  }
}

async function coldInTurn(builds: Build[], url: string, into: (b: Build) => Run[]): Promise<void> {
  const monitors = new Map<Build, WorkerMonitor>();
  try {
    for (const b of builds) monitors.set(b, await monitorWorker(b.session!));
    await inTurn(builds, COLD_RUNS, (b, i) => coldRun(b.session!, b.tab!, url, monitors.get(b)!, i), into);
  } finally {
    for (const m of monitors.values()) await m.close();
  }
}

const FLOOR_LABELS: Record<FloorPage, string> = { empty: 'empty page', message: 'page + tab.view' };

/** Where runs' time goes: p50 of each moment, ms from the popup's navigation start. */
function phasesOf(runs: Run[]) {
  const p = (f: (r: Run) => number) => stats(runs.map(f)).p50;
  return {
    html: p((r) => r.html),
    parsed: p((r) => r.parsed),
    asked: p((r) => r.asked),
    loaded: p((r) => r.dcl),
    answered: p((r) => r.answered),
    roundTrip: p((r) => r.answered - r.asked),
    firstPaint: p((r) => r.fcp),
    ready: p((r) => r.ready),
    painted: p((r) => r.painted),
    complete: p((r) => r.complete),
  };
}

const PHASES_HEADING =
  "Where a run's time goes (p50, ms from navigation start): HTML received, parsed, script running (view asked), page loaded (DOMContentLoaded), view answered, first contentful paint (the loading state or the story), first screen (ready), the story's title painted (Element Timing), every section (complete)";

function phaseLine(p: ReturnType<typeof phasesOf>): string {
  const f = (x: number) => x.toFixed(1);
  return `html ${f(p.html)}, parsed ${f(p.parsed)}, asked ${f(p.asked)}, loaded ${f(p.loaded)}, answered ${f(p.answered)} (round trip ${f(p.roundTrip)}), first paint ${f(p.firstPaint)}, ready ${f(p.ready)}, title painted ${f(p.painted)}, complete ${f(p.complete)}`;
}

function withFloorPages(extensionDir: string): string {
  writeFloorPages(extensionDir);
  return extensionDir;
}

/** The load average (1, 5, 15 min), as uptime prints it. */
const load = () => loadavg().map((x) => x.toFixed(2)).join(', ');
const os = () => `${cpus().length} CPUs`;

async function main(): Promise<void> {
  requireFile(CHROMIUM, 'Install Chromium: apt-get install chromium');
  for (const dist of DISTS) requireExtension(dist, 'Build the extension first: npm run build:chrome');
  for (const f of ['uci-dev-stories.json', 'kagi-dev-stories.json']) requireFile(resolve(DATA, 'matching', f), 'The shared dev data (../shared/data/matching) is needed to synthesise the library.');

  log(`synthesising ${STORIES} stories from the UCI and Kagi dev stories`);
  const real = [...loadSplit('uci').stories, ...loadSplit('kagi').stories];
  // synthLibrary may take a story's title from a source with no title: such a story would fail the
  // import (a story needs a title), so it takes its first titled article's instead.
  const library = synthLibrary(STORIES, real).map((story) =>
    story.title.trim() ? story : { ...story, title: story.articles.find((a) => a.title.trim())?.title ?? `Synthetic story ${story.id}` },
  );
  const text = exportLibrary(library, []);
  log(`library export: ${library.length} stories, ${(text.length / 1e6).toFixed(1)} MB of JSON`);

  const server = await startFixtureServer();
  // Two builds may share a directory name (dist/chrome and a copy's dist/chrome): labels are numbered then.
  const names = DISTS.map((d) => `${basename(resolve(d, '..'))}/${basename(d)}`);
  const builds: Build[] = DISTS.map((dist, i) => ({
    dist,
    label: names.filter((n) => n === names[i]).length > 1 ? `${names[i]} #${i + 1}` : names[i]!,
    extensionDir: withFloorPages(copyExtension(dist)),
    baseWarm: [],
    baseCold: [],
    bigWarm: [],
    bigCold: [],
    importMs: NaN,
    size: NaN,
  }));
  const url = pageUrl('bbcArticle');
  const loadAtStart = load();
  log(`load average ${loadAtStart}; builds: ${builds.map((b) => `${b.label} (${b.dist})`).join(', ')}`);
  try {
    for (const b of builds) {
      b.session = await launchChromium({ extensionDir: b.extensionDir, server });
      b.tab = await openTab(b.session, url);
      await waitForStoryBadge(b.session, b.tab, REFERENCE_STORY, `the BBC tab (${b.label})`);
    }

    log(`built-in story only: ${RUNS} warm runs per build`);
    await inTurn(builds, RUNS, (b, i) => warmRun(b.session!, b.tab!, i), (b) => b.baseWarm);
    log(`built-in story only: ${COLD_RUNS} cold runs per build (service worker stopped)`);
    await coldInTurn(builds, url, (b) => b.baseCold);

    for (const b of builds) {
      const s = b.session!;
      log(`${b.label}: importing ${library.length} stories through the options page`);
      await waitForWorker(s);
      const options = await openOptionsPage(s);
      const imported = await options.evaluate(async (body) => {
        const started = performance.now();
        const r = (await chrome.runtime.sendMessage({ type: 'library.import', payload: { name: 'bench-library.json', text: body } })) as { ok: boolean; value?: { added: number }; error?: string };
        return { ms: performance.now() - started, r };
      }, text);
      if (!imported.r.ok) throw new Error(`library.import failed: ${imported.r.error}`);
      const entries = await sendFromPage<unknown[]>(options, 'library.entries', {});
      await options.close();
      b.importMs = imported.ms;
      b.size = entries.ok ? entries.value.length : NaN;
      log(`${b.label}: imported ${imported.r.value?.added} stories in ${Math.round(imported.ms)} ms; the library holds ${b.size}`);
      // The article is matched again against the big library (a reload runs the content script anew).
      const page = await pageOf(s, url);
      await page.reload();
      await waitForStoryBadge(s, b.tab!, REFERENCE_STORY, `the BBC tab with the big library (${b.label})`, 30_000);
    }
    const size = builds[0]!.size;

    // The browser's floor (popup-floor.ts) in the first build's browser, in the same rounds as the builds' popups.
    const floors: { page: FloorPage; runs: Run[] }[] = [
      { page: 'empty', runs: [] },
      { page: 'message', runs: [] },
    ];
    const floorBrowser = builds[0]!;
    log(`${size} stories: ${RUNS} warm runs per build and per floor page (${floors.map((f) => f.page).join(', ')})`);
    await inTurn(
      [...builds.map((b) => ({ b, floor: undefined })), ...floors.map((floor) => ({ b: floorBrowser, floor }))],
      RUNS,
      ({ b, floor }, i) => (floor ? withFloorPopup(b.session!, floor.page, () => warmRun(b.session!, b.tab!, i, undefined, floor.page)) : warmRun(b.session!, b.tab!, i)),
      ({ b, floor }) => floor?.runs ?? b.bigWarm,
    );
    if (TRACE) {
      // One more warm run per build, traced; not counted (tracing slows the browser down).
      for (const [k, b] of builds.entries()) await warmRun(b.session!, b.tab!, RUNS, builds.length > 1 ? TRACE.replace(/(\.json)?$/, `-${k + 1}.json`) : TRACE);
    }
    log(`${size} stories: ${COLD_RUNS} cold runs per build (service worker stopped)`);
    await coldInTurn(builds, url, (b) => b.bigCold);
    const loadAtEnd = load();

    const ready = (runs: Run[]) => stats(runs.map((r) => r.ready));
    const dcl = (runs: Run[]) => stats(runs.map((r) => r.dcl));
    const painted = (runs: Run[]) => stats(runs.map((r) => r.painted));
    const ratio = (a: number, b: number) => Math.round((b / a) * 100) / 100;
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(26) : c.padStart(9))).join(' ');
    const version = ((await (await fetch(`http://127.0.0.1:${builds[0]!.session!.debugPort}/json/version`)).json()) as { Browser: string }).Browser;
    console.log(`Popup ready (ms from the popup's navigation start to storylens:ready), ${version}, ${RUNS} warm and ${COLD_RUNS} cold runs per library and build`);
    console.log(`load average (1, 5, 15 min) at the start ${loadAtStart}, at the end ${loadAtEnd}; ${os()}`);
    const results = builds.map((b) => {
      const rows = [
        { case: 'warm (worker running)', builtin: ready(b.baseWarm), big: ready(b.bigWarm), builtinDcl: dcl(b.baseWarm), bigDcl: dcl(b.bigWarm) },
        { case: 'cold (worker restarted)', builtin: ready(b.baseCold), big: ready(b.bigCold), builtinDcl: dcl(b.baseCold), bigDcl: dcl(b.bigCold) },
        { case: 'warm, title painted', builtin: painted(b.baseWarm), big: painted(b.bigWarm), builtinDcl: dcl(b.baseWarm), bigDcl: dcl(b.bigWarm) },
      ];
      const phaseSets = [['warm built-in', b.baseWarm], ['warm ' + b.size, b.bigWarm], ['cold built-in', b.baseCold], ['cold ' + b.size, b.bigCold]] as const;
      const phases = Object.fromEntries(phaseSets.map(([name, runs]) => [name, phasesOf(runs)]));
      console.log(`\n${b.label} (${b.dist})`);
      console.log(line(['', 'built-in', '', '', `${b.size}`, '', '', 'ratio', '', '']));
      console.log(line(['case', 'p50', 'p95', 'max', 'p50', 'p95', 'max', 'p50', 'p95', 'max']));
      for (const r of rows) {
        console.log(
          line([
            r.case,
            ...[r.builtin.p50, r.builtin.p95, r.builtin.max, r.big.p50, r.big.p95, r.big.max].map((x) => x.toFixed(1)),
            ...[ratio(r.builtin.p50, r.big.p50), ratio(r.builtin.p95, r.big.p95), ratio(r.builtin.max, r.big.max)].map((x) => `${x.toFixed(2)}×`),
          ]),
        );
      }
      console.log(PHASES_HEADING);
      for (const [name, runs] of phaseSets) console.log(`  ${name.padEnd(18)} ${phaseLine(phasesOf(runs))}`);
      console.log(`library import (${library.length} stories, ${(text.length / 1e6).toFixed(1)} MB, options page → service worker → IndexedDB and indexes): ${Math.round(b.importMs)} ms`);
      const warmP95 = rows[0]!.big.p95;
      const paintedP95 = rows[2]!.big.p95;
      console.log(
        `target: popup ready < ${TARGET_MS} ms with ${b.size} stories — warm p95 ${warmP95.toFixed(1)} ms: ${warmP95 < TARGET_MS ? 'met' : 'NOT met'}; title painted p95 ${Number.isNaN(paintedP95) ? 'not reported' : `${paintedP95.toFixed(1)} ms`}`,
      );
      return { build: b, rows, phases };
    });

    console.log(`\nThe browser's floor (bench/popup-floor.ts; ${floorBrowser.label}'s browser, in the same rounds as the ${size}-story warm popups)`);
    console.log(line(['page', 'ready p50', 'p95', 'max', 'popup÷page', 'p95', 'painted p50', 'p95', 'popup÷page', 'p95']));
    const floorRows = floors.map((f) => ({ page: f.page, ready: ready(f.runs), painted: painted(f.runs), phases: phasesOf(f.runs) }));
    for (const f of floorRows) {
      const popup = results[0]!.rows[0]!.big;
      const popupPainted = results[0]!.rows[2]!.big;
      console.log(
        line([
          FLOOR_LABELS[f.page],
          ...[f.ready.p50, f.ready.p95, f.ready.max].map((x) => x.toFixed(1)),
          ...[ratio(f.ready.p50, popup.p50), ratio(f.ready.p95, popup.p95)].map((x) => `${x.toFixed(2)}×`),
          ...[f.painted.p50, f.painted.p95].map((x) => x.toFixed(1)),
          ...[ratio(f.painted.p50, popupPainted.p50), ratio(f.painted.p95, popupPainted.p95)].map((x) => `${x.toFixed(2)}×`),
        ]),
      );
    }
    console.log(PHASES_HEADING);
    for (const f of floorRows) console.log(`  ${f.page.padEnd(18)} ${phaseLine(f.phases)}`);

    if (results.length > 1) {
      const [first, ...rest] = results;
      console.log(`\nSide by side (ready, ms; the same rounds, popups opened in turn), each build ÷ the first`);
      console.log(line(['case', ...results.flatMap((_, i) => [`#${i + 1} p50`, `#${i + 1} p95`]), ...rest.flatMap((_, i) => [`#${i + 2}÷#1 p50`, 'p95'])]));
      const cases = [
        ['warm built-in', (r: (typeof results)[number]) => r.rows[0]!.builtin],
        [`warm ${size}`, (r: (typeof results)[number]) => r.rows[0]!.big],
        ['cold built-in', (r: (typeof results)[number]) => r.rows[1]!.builtin],
        [`cold ${size}`, (r: (typeof results)[number]) => r.rows[1]!.big],
        ['warm built-in, painted', (r: (typeof results)[number]) => r.rows[2]!.builtin],
        [`warm ${size}, painted`, (r: (typeof results)[number]) => r.rows[2]!.big],
      ] as const;
      for (const [name, of] of cases) {
        console.log(line([name, ...results.flatMap((r) => [of(r).p50.toFixed(1), of(r).p95.toFixed(1)]), ...rest.flatMap((r) => [`${ratio(of(first!).p50, of(r).p50).toFixed(2)}×`, `${ratio(of(first!).p95, of(r).p95).toFixed(2)}×`])]));
      }
      console.log(`builds: ${results.map((r, i) => `#${i + 1} ${r.build.label} = ${r.build.dist}`).join('; ')}`);
    }

    const out = resolve(ROOT, 'artifacts/bench');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      resolve(out, 'popup.json'),
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          browser: version,
          load: { start: loadAtStart, end: loadAtEnd, cpus: os() },
          exportMegabytes: Math.round(text.length / 1e5) / 10,
          targetMs: TARGET_MS,
          floor: floorRows,
          builds: results.map(({ build: b, rows, phases }) => ({
            dist: b.dist,
            label: b.label,
            libraryStories: b.size,
            importMs: Math.round(b.importMs),
            /** p50 per case, ms from the popup's navigation start. */
            phases,
            cases: rows.map((r) => ({ case: r.case, builtin: r.builtin, library: r.big, domContentLoaded: { builtin: r.builtinDcl, library: r.bigDcl }, ratio: { p50: ratio(r.builtin.p50, r.big.p50), p95: ratio(r.builtin.p95, r.big.p95), max: ratio(r.builtin.max, r.big.max) } })),
          })),
        },
        null,
        2,
      )}\n`,
    );
    log(`wrote artifacts/bench/popup.json`);
  } finally {
    for (const b of builds) {
      await b.session?.close();
      removeDir(b.extensionDir);
    }
    await server.close();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);

