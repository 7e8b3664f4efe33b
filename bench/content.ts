/**
 * npm run bench:content — the content script's cost to a page, in real Chromium, on a fixture article
 * and on a front page, over repeated loads: main-thread time sampled by the V8 profiler at 50 µs (its
 * own functions; and with the browser code they call), and the wall time of its tasks in a DevTools
 * timeline trace; beside Mozilla Readability (the reader-view library) parsing the same article in the
 * page, as the peer. Also its size, gzipped.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/e2e/chromium';
import { pageUrl, startFixtureServer } from '../test/e2e/server';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(ROOT, 'dist/chrome');
const RUNS = Number(process.env.BENCH_CONTENT_RUNS ?? 30);

interface ProfileNode {
  id: number;
  children?: number[];
  callFrame: { url: string; functionName: string };
}
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

/**
 * Main-thread ms of the content script: `own` counts samples in its own functions; `inclusive` also
 * counts the browser's code it calls (DOM queries, JSON.parse, the extension API's set-up and
 * messaging), which has no script URL of its own.
 */
function timeOf(profile: Profile, prefix: string): { own: number; inclusive: number } {
  const ours = new Set(profile.nodes.filter((n) => n.callFrame.url.startsWith(prefix)).map((n) => n.id));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const under = (id: number): boolean => {
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) if (ours.has(p)) return true;
    return false;
  };
  let own = 0;
  let inclusive = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    if (ours.has(id)) own += dt;
    if (under(id)) inclusive += dt;
  });
  return { own: own / 1000, inclusive: inclusive / 1000 };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  args?: { data?: { url?: string } };
}

/**
 * Wall ms of the main-thread tasks the content script runs, from a DevTools timeline trace: its
 * evaluation (compile and top level) and every call into it (the idle callback, timers, promise
 * jobs), each with everything it does inside, the browser's code included. No sampling overhead.
 */
function tracedTime(events: readonly TraceEvent[], prefix: string): number {
  const ours = events
    .filter((e) => e.ph === 'X' && (e.name === 'EvaluateScript' || e.name === 'FunctionCall') && e.args?.data?.url?.startsWith(prefix))
    .sort((a, b) => a.ts - b.ts);
  let total = 0;
  let end = -Infinity;
  for (const e of ours) {
    if (e.ts < end) continue; // inside a call already counted
    total += e.dur ?? 0;
    end = e.ts + (e.dur ?? 0);
  }
  return total / 1000;
}

async function traceLoad(session: Awaited<ReturnType<typeof launchChromium>>, url: string, prefix: string): Promise<number> {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((done) => cdp.once('Tracing.tracingComplete', () => done()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline'] }, transferMode: 'ReportEvents' });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(400);
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  await page.close();
  return tracedTime(events, prefix);
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

async function main() {
  const server = await startFixtureServer();
  const session = await launchChromium({ extensionDir: DIST, server });
  const prefix = `chrome-extension://${session.extensionId}/src/content/`;
  const readability = readFileSync(resolve(ROOT, 'node_modules/@mozilla/readability/Readability.js'), 'utf8');
  const results: Record<string, { storylens: number[]; inclusive: number[]; traced: number[]; readability: number[] }> = {};
  try {
    for (const name of ['bbcArticle', 'cnnHome'] as const) {
      results[name] = { storylens: [], inclusive: [], traced: [], readability: [] };
      // Traced loads apart from profiled ones: the two instruments would weigh on each other.
      for (let i = 0; i < RUNS; i++) results[name].traced.push(await traceLoad(session, pageUrl(name, server.port), prefix));
      for (let i = 0; i < RUNS; i++) {
        const page = await session.context.newPage();
        const cdp = await session.context.newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
        await cdp.send('Profiler.start');
        await page.goto(pageUrl(name, server.port), { waitUntil: 'load' });
        await page.waitForTimeout(400); // document_idle, the message round trip
        const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
        const t = timeOf(profile, prefix);
        results[name].storylens.push(t.own);
        results[name].inclusive.push(t.inclusive);
        // The peer: Readability parsing a clone of the same document, timed in the page.
        const ms = await page.evaluate(`(() => { ${readability}; const t0 = performance.now(); new Readability(document.cloneNode(true)).parse(); return performance.now() - t0; })()`);
        results[name].readability.push(ms as number);
        await cdp.detach();
        await page.close();
      }
    }
  } finally {
    await session.close();
    await server.close();
  }
  const size = readFileSync(resolve(DIST, 'src/content/index.js'));
  const lines = [
    `Content script in Chromium (${RUNS} profiled and ${RUNS} traced loads each; main-thread ms: sampled at 50 µs, its own code and with the browser code it calls;`,
    '  traced, the wall time of its tasks (evaluation, idle callback) with everything inside them)',
  ];
  lines.push(`  ${'page'.padEnd(14)} ${'own p50'.padStart(8)} ${'p95'.padStart(7)} ${'incl. p50'.padStart(10)} ${'p95'.padStart(7)} ${'traced p50'.padStart(11)} ${'p95'.padStart(7)} ${'Readability p50 (peer)'.padStart(23)} ${'ratio (own)'.padStart(12)}`);
  for (const [name, r] of Object.entries(results)) {
    const s50 = pct(r.storylens, 0.5);
    const r50 = pct(r.readability, 0.5);
    lines.push(
      `  ${name.padEnd(14)} ${s50.toFixed(2).padStart(8)} ${pct(r.storylens, 0.95).toFixed(2).padStart(7)} ${pct(r.inclusive, 0.5).toFixed(2).padStart(10)} ${pct(r.inclusive, 0.95).toFixed(2).padStart(7)} ${pct(r.traced, 0.5).toFixed(2).padStart(11)} ${pct(r.traced, 0.95).toFixed(2).padStart(7)} ${r50.toFixed(2).padStart(23)} ${(r50 / Math.max(s50, 0.01)).toFixed(1).padStart(11)}×`,
    );
  }
  lines.push(`  size: ${size.length} B, ${gzipSync(size).length} B gzipped (target < 5 KB); target < 2 ms of main-thread work on an article`);
  console.log(lines.join('\n'));
  mkdirSync(resolve(ROOT, 'artifacts/bench'), { recursive: true });
  writeFileSync(resolve(ROOT, 'artifacts/bench/content.json'), JSON.stringify({ results, bytes: size.length, gzip: gzipSync(size).length }, null, 2));
}

await main();
