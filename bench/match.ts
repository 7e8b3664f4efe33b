/**
 * `npm run bench:match` — Storylens's Matcher against MiniSearch, FlexSearch, Fuse.js and a plain
 * BM25 baseline: accuracy on the UCI and Kagi dev splits, then build time, memory, serialised size,
 * latency and accuracy on synthetic libraries of 10,000 and 100,000 stories made of real headlines.
 *
 * Prints one table on stdout (progress on stderr) and writes the same results to
 * artifacts/bench/match.json. Run with --expose-gc (the npm script does) for the memory column.
 *
 * Env: BENCH_SIZES (default "10000,100000"), BENCH_PEERS (default all; "none" for Storylens alone), BENCH_QUERY_BUDGET_MS (soft, per library and size,
 * default 10000), BENCH_FUSE_BUDGET_MS (hard, Fuse.js queries per size, default 12000).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OPTIONS, Matcher, type MatchResult } from '../src/core/match/matcher';
import type { Story } from '../src/core/story/model';
import { loadSplit, pageOf, score, type Decisions, type PageLine } from './eval-lib';
import { calibrationReport, formatCalibration } from './match-calibration';
import { PEERS, type Hit, type Peer, type PeerSpec } from './peers';
import { prng, synthLibrary } from './synth';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').filter(Boolean).map(Number);
const MIN_QUERIES = 2000;
const WARMUP = 30;
/** Soft wall-clock budget for one library's timed queries at one size (checked between queries). */
const QUERY_BUDGET_MS = Number(process.env.BENCH_QUERY_BUDGET_MS ?? 10_000);
/** The first pass over all pages (for accuracy) may exceed the soft budget, up to this. */
const FIRST_PASS_CAP_MS = 60_000;
/** Hard budget for Fuse.js's queries at one size: it runs in a child process that is killed then. */
const FUSE_BUDGET_MS = Number(process.env.BENCH_FUSE_BUDGET_MS ?? 12_000);
/** BENCH_PEERS: the peers to run, by the start of their names, comma-separated ("none" for Storylens alone); all by default. */
const chosenPeer = (spec: PeerSpec) => {
  const names = process.env.BENCH_PEERS?.split(',').map((n) => n.trim().toLowerCase()).filter(Boolean);
  return !names || names.some((n) => spec.name.toLowerCase().startsWith(n));
};

const t0 = performance.now();
const log = (msg: string) => console.error(`[${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${msg}`);
const gc = (globalThis as { gc?: () => void }).gc;
const collect = () => gc?.();

type SplitName = 'uci' | 'kagi';
const SPLITS: SplitName[] = ['uci', 'kagi'];
type Page = PageLine & { split: SplitName };
const data = { uci: loadSplit('uci'), kagi: loadSplit('kagi') };
const real = [...data.uci.stories, ...data.kagi.stories];
/** All dev pages, in one seeded random order (so a budget-cut run answers a fair sample). */
const allPages: Page[] = (() => {
  const r = prng(7);
  return SPLITS.flatMap((s) => data[s].pages.map((p) => ({ ...p, split: s })))
    .map((p) => ({ p, k: r() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.p);
})();

type Threshold = [number, number];
const accepts = (keys: [number, number] | null, t: Threshold) => !!keys && keys[0] >= t[0] && keys[1] >= t[1];
/** A library's best candidate for a page before abstention, with the keys its abstention rule reads. */
interface Candidate {
  id: string;
  keys: [number, number];
}

/** Something that decides: a story id or null (abstain). */
interface Engine {
  build(stories: readonly Story[]): void;
  decide(p: PageLine): string | null;
  /** The candidate behind the last decision (called outside the timed section). */
  candidate(p: PageLine): Candidate | null;
  serializedBytes(stories: readonly Story[]): number;
}

class StorylensEngine implements Engine {
  private m: Matcher | null = null;
  last: MatchResult | null = null;
  build(stories: readonly Story[]): void {
    this.m = new Matcher(stories);
  }
  decide(p: PageLine): string | null {
    this.last = (this.m as Matcher).match(pageOf(p));
    return this.last.storyId;
  }
  /** Keys: [confidence, 0]. Vetoed and date-excluded candidates come back with confidence 0. */
  candidate(p: PageLine): Candidate | null {
    const r = this.last;
    if (!r) return null;
    if (r.storyId) return { id: r.storyId, keys: [r.confidence, 0] };
    const ev = (this.m as Matcher).evidence(pageOf(p));
    return ev ? { id: ev.storyId, keys: [r.confidence, 0] } : null;
  }
  /** The Matcher has no serialised form: it rebuilds from the stories, so this is the stories' JSON. */
  serializedBytes(stories: readonly Story[]): number {
    let n = 2;
    for (const s of stories) n += Buffer.byteLength(JSON.stringify(s), 'utf8') + 1;
    return n;
  }
}

class PeerEngine implements Engine {
  private peer: Peer;
  private ids: string[] = [];
  private last: Hit | null = null;
  constructor(make: () => Peer, private readonly t: Threshold) {
    this.peer = make();
  }
  build(stories: readonly Story[]): void {
    this.ids = stories.map((s) => s.id);
    this.peer.build(stories);
  }
  decide(p: PageLine): string | null {
    const h = (this.last = this.peer.top(p.title));
    return h && accepts(h.keys, this.t) ? (this.ids[h.doc] as string) : null;
  }
  candidate(): Candidate | null {
    return this.last ? { id: this.ids[this.last.doc] as string, keys: this.last.keys } : null;
  }
  serializedBytes(): number {
    return this.peer.serializedBytes();
  }
}

// ---------------------------------------------------------------------------------------------------
// Thresholds: the best one for a set of candidates, by correct decisions.

type Acc = Record<SplitName, Decisions>;

/** Mean correct rate of the two splits (each split counts equally, as in the targets), then fewer false matches. */
const objective = (a: Acc): [number, number] => [(a.uci.correctRate + a.kagi.correctRate) / 2, -(a.uci.falseMatches + a.kagi.falseMatches)];
const better = (x: [number, number], y: [number, number]) => x[0] > y[0] + 1e-12 || (Math.abs(x[0] - y[0]) <= 1e-12 && x[1] > y[1]);

function accuracy(pages: readonly Page[], preds: readonly (string | null)[]): Acc {
  const acc = {} as Acc;
  for (const s of SPLITS) {
    const idx = pages.map((p, i) => (p.split === s ? i : -1)).filter((i) => i >= 0);
    acc[s] = score(idx.map((i) => pages[i] as Page), idx.map((i) => preds[i] ?? null));
  }
  return acc;
}

/** Best threshold for these candidates on these pages (every observed key value is tried). */
function bestThreshold(pages: readonly Page[], cands: readonly (Candidate | null)[], twoKeys: boolean): { t: Threshold; acc: Acc } {
  const seen = cands.filter((c): c is Candidate => !!c);
  const t0s = [...new Set(seen.map((c) => c.keys[0])), Infinity];
  const t1s = twoKeys ? [...new Set(seen.map((c) => c.keys[1]))] : [0];
  let best: { t: Threshold; acc: Acc } | null = null;
  for (const a of t0s)
    for (const b of t1s) {
      const t: Threshold = [a, b];
      const acc = accuracy(pages, cands.map((c) => (c && accepts(c.keys, t) ? c.id : null)));
      if (!best || better(objective(acc), objective(best.acc))) best = { t, acc };
    }
  return best as { t: Threshold; acc: Acc };
}

// ---------------------------------------------------------------------------------------------------
// 1. Dev split: the Matcher as shipped, and each peer tuned (config + threshold) on the same split.

interface Tuned {
  spec: PeerSpec;
  configIndex: number;
  config: string;
  threshold: Threshold;
  rule: string;
  dev: Acc;
  perConfig: { config: string; meanCorrect: number }[];
}

const splitPages = (s: SplitName) => allPages.filter((p) => p.split === s);

function devRun(make: () => Engine): { acc: Acc; cands: (Candidate | null)[]; pages: Page[] } {
  const pages: Page[] = [];
  const preds: (string | null)[] = [];
  const cands: (Candidate | null)[] = [];
  for (const s of SPLITS) {
    const e = make();
    e.build(data[s].stories);
    for (const p of splitPages(s)) {
      pages.push(p);
      preds.push(e.decide(p));
      cands.push(e.candidate(p));
    }
  }
  return { acc: accuracy(pages, preds), cands, pages };
}

function tune(spec: PeerSpec): Tuned {
  let best: Tuned | null = null;
  const perConfig: Tuned['perConfig'] = [];
  spec.configs.forEach((c, configIndex) => {
    const run = devRun(() => new PeerEngine(c.make, [Infinity, Infinity]));
    const { t, acc } = bestThreshold(run.pages, run.cands, !!spec.twoKeys);
    perConfig.push({ config: c.label, meanCorrect: objective(acc)[0] });
    if (!best || better(objective(acc), objective(best.dev))) best = { spec, configIndex, config: c.label, threshold: t, rule: spec.describe(t), dev: acc, perConfig };
  });
  return best as unknown as Tuned;
}

// ---------------------------------------------------------------------------------------------------
// 2. Scale: build, memory, size, latency and accuracy on synthetic libraries.

interface Perf {
  buildMs: number | null;
  heapBytes: number | null;
  serialBytes: number | null;
  p50: number | null;
  p99: number | null;
  queries: number;
  pagesDone: number;
  acc: Acc | null;
  /** Correct decisions had the threshold been re-tuned on these very pages at this size (an upper bound). */
  oracle: { t: Threshold; acc: Acc } | null;
  note?: string;
  routes?: Record<string, { total: number; false: number }>;
}

const pct = (xs: number[], q: number) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] as number;
};

function finish(pages: readonly Page[], preds: (string | null)[], cands: (Candidate | null)[], lat: number[], twoKeys: boolean): Pick<Perf, 'p50' | 'p99' | 'queries' | 'pagesDone' | 'acc' | 'oracle'> {
  const done = pages.slice(0, preds.length);
  const complete = preds.length === pages.length;
  return {
    p50: pct(lat, 0.5),
    p99: pct(lat, 0.99),
    queries: lat.length,
    pagesDone: preds.length,
    acc: preds.length ? accuracy(done, preds) : null,
    oracle: complete ? bestThreshold(done, cands, twoKeys) : null,
  };
}

/** Builds the engine on the library (timed, heap measured), then answers pages: warm-up, then ≥ MIN_QUERIES timed. */
type Built = { buildMs: number; heapBytes: number; serialBytes: number };

function measure(name: string, engine: Engine, lib: readonly Story[], twoKeys: boolean, onReady?: (b: Built) => void, onQuery?: (ms: number, id: string | null, c: Candidate | null) => void): Perf {
  collect();
  // Typed arrays' memory lies outside the JS heap (the Matcher's posting lists): counted too.
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const h0 = used();
  const b0 = process.hrtime.bigint();
  engine.build(lib);
  const buildMs = Number(process.hrtime.bigint() - b0) / 1e6;
  collect();
  const heapBytes = used() - h0;
  const serialBytes = engine.serializedBytes(lib);
  collect();
  log(`  ${name}: built in ${buildMs.toFixed(0)} ms, heap +${(heapBytes / 2 ** 20).toFixed(1)} MB, serialised ${(serialBytes / 2 ** 20).toFixed(1)} MB`);
  onReady?.({ buildMs, heapBytes, serialBytes });

  const qStart = performance.now();
  const elapsed = () => performance.now() - qStart;
  if (!onQuery) for (let i = 0; i < WARMUP && elapsed() < QUERY_BUDGET_MS; i++) engine.decide(allPages[i % allPages.length] as Page);
  // The first pass over all pages (accuracy) always completes unless it passes FIRST_PASS_CAP_MS; the
  // timed passes after it stop at MIN_QUERIES or at the soft budget, whichever comes first.
  // The Matcher, whose targets are checked, always gets its ≥ MIN_QUERIES (up to the first-pass cap).
  const budget = engine instanceof StorylensEngine ? FIRST_PASS_CAP_MS : QUERY_BUDGET_MS;
  const over = (i: number) => (i < allPages.length ? elapsed() > FIRST_PASS_CAP_MS : elapsed() > budget);
  const preds: (string | null)[] = [];
  const cands: (Candidate | null)[] = [];
  const lat: number[] = [];
  const routes: Record<string, { total: number; false: number }> = {};
  for (let i = 0; lat.length < Math.max(MIN_QUERIES, allPages.length) && !(i > 0 && over(i)); i++) {
    const p = allPages[i % allPages.length] as Page;
    const s = process.hrtime.bigint();
    const id = engine.decide(p);
    const ms = Number(process.hrtime.bigint() - s) / 1e6;
    lat.push(ms);
    if (i < allPages.length) {
      const c = engine.candidate(p);
      preds.push(id);
      cands.push(c);
      onQuery?.(ms, id, c);
      if (engine instanceof StorylensEngine && engine.last) {
        const r = (routes[engine.last.how] ??= { total: 0, false: 0 });
        r.total++;
        if (id !== null && id !== p.expect) r.false++;
      }
    }
  }
  const perf: Perf = { buildMs, heapBytes, serialBytes, ...finish(allPages, preds, cands, lat, twoKeys), ...(engine instanceof StorylensEngine ? { routes } : {}) };
  if (perf.pagesDone < allPages.length) perf.note = `first-pass cap ${FIRST_PASS_CAP_MS / 1000} s: ${perf.pagesDone}/${allPages.length} pages answered`;
  else if (perf.queries < MIN_QUERIES) perf.note = `query budget ${QUERY_BUDGET_MS / 1000} s: latency over ${perf.queries} queries`;
  log(`  ${name}: ${lat.length} timed queries in ${((performance.now() - qStart) / 1000).toFixed(1)} s, p50 ${perf.p50?.toFixed(3)} ms, p99 ${perf.p99?.toFixed(3)} ms${perf.note ? ` (${perf.note})` : ''}`);
  return perf;
}

// ---------------------------------------------------------------------------------------------------
// Fuse.js at scale runs in a child process: its searches are synchronous and can take many seconds
// each, so the only honest cut-off is to kill it at the budget and report what finished.

interface ChildArgs {
  spec: number;
  config: number;
  threshold: Threshold;
  size: number;
}
type ChildMsg = ({ type: 'ready' } & Built) | { type: 'q'; ms: number; id: string | null; cand: Candidate | null };

function child(args: ChildArgs): void {
  const spec = PEERS[args.spec] as PeerSpec;
  const lib = synthLibrary(args.size, real);
  const send = (m: ChildMsg) => process.stdout.write(`${JSON.stringify(m)}\n`);
  const engine = new PeerEngine((spec.configs[args.config] as PeerSpec['configs'][number]).make, args.threshold);
  measure(`${spec.name} (child ${process.pid})`, engine, lib, !!spec.twoKeys, (b) => send({ type: 'ready', ...b }), (ms, id, cand) => send({ type: 'q', ms, id, cand }));
}

/** Runs one peer at one size in a child; kills it FUSE_BUDGET_MS after its index is ready. */
function measureInChild(t: Tuned, size: number): Promise<Perf> {
  return new Promise((done) => {
    const args: ChildArgs = { spec: PEERS.indexOf(t.spec), config: t.configIndex, threshold: t.threshold, size };
    const proc = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let build: Built | null = null;
    const preds: (string | null)[] = [];
    const cands: (Candidate | null)[] = [];
    const lat: number[] = [];
    let killed = false;
    let timer: NodeJS.Timeout | null = null;
    createInterface({ input: proc.stdout }).on('line', (l) => {
      const m = JSON.parse(l) as ChildMsg;
      if (m.type === 'ready') {
        build = m;
        log(`  ${t.spec.name}: index ready in child ${proc.pid}; its queries get ${FUSE_BUDGET_MS / 1000} s before it is killed`);
        timer = setTimeout(() => {
          killed = true;
          proc.kill('SIGKILL');
        }, FUSE_BUDGET_MS);
      } else {
        lat.push(m.ms);
        preds.push(m.id);
        cands.push(m.cand);
      }
    });
    proc.on('exit', () => {
      if (timer) clearTimeout(timer);
      const b = build as Built | null;
      const perf: Perf = { buildMs: b?.buildMs ?? null, heapBytes: b?.heapBytes ?? null, serialBytes: b?.serialBytes ?? null, ...finish(allPages, preds, cands, lat, !!t.spec.twoKeys) };
      if (killed) perf.note = preds.length === 0 ? `did not finish one query in ${FUSE_BUDGET_MS / 1000} s (killed)` : `hard budget ${FUSE_BUDGET_MS / 1000} s: ${preds.length}/${allPages.length} pages answered, latency over those`;
      log(`  ${t.spec.name}: ${lat.length} queries answered; p50 ${perf.p50?.toFixed(1) ?? '—'} ms${perf.note ? ` (${perf.note})` : ''}`);
      done(perf);
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Run.

async function main(): Promise<void> {
  if (!gc) log('warning: run with --expose-gc for meaningful memory numbers (npm run bench:match does)');
  log('dev split: Storylens Matcher');
  const slDev = devRun(() => new StorylensEngine());
  const slOracle = bestThreshold(slDev.pages, slDev.cands, false);
  const tuned: Tuned[] = [];
  for (const spec of PEERS.filter(chosenPeer)) {
    log(`dev split: tuning ${spec.name} over ${spec.configs.length} config(s) × all thresholds`);
    tuned.push(tune(spec));
  }

  interface ScaleResult {
    size: number;
    storylens: Perf;
    peers: Record<string, Perf>;
  }
  const scale: ScaleResult[] = [];
  for (const size of SIZES) {
    log(`scale ${size.toLocaleString('en')}: synthesising library`);
    const lib = synthLibrary(size, real);
    log(`scale ${size.toLocaleString('en')}: ${lib.length} stories, ${lib.reduce((a, s) => a + s.articles.length, 0).toLocaleString('en')} articles`);
    const res: ScaleResult = { size, storylens: measure('Storylens', new StorylensEngine(), lib, false), peers: {} };
    for (const t of tuned) res.peers[t.spec.name] = t.spec.name.startsWith('Fuse') ? await measureInChild(t, size) : measure(t.spec.name, new PeerEngine((t.spec.configs[t.configIndex] as PeerSpec['configs'][number]).make, t.threshold), lib, !!t.spec.twoKeys);
    scale.push(res);
  }

  // -------------------------------------------------------------------------------------------------
  // The table.

  const f = (x: number | null | undefined, d: number) => (x === null || x === undefined ? '—' : x.toFixed(d));
  const ratio = (x: number | null | undefined, base: number | null | undefined) => {
    if (x == null || base == null || base === 0) return '';
    const r = x / base;
    return ` ×${r.toFixed(r >= 100 ? 0 : r >= 10 ? 0 : r >= 1 ? 1 : 2)}`;
  };
  const MB = 2 ** 20;
  const pts = (a: number, b: number) => `${a - b >= 0 ? '+' : '−'}${Math.abs(100 * (a - b)).toFixed(1)}`;
  const pair = (a: Acc | null) => (a ? `${f(a.uci.correctRate, 3)}/${f(a.kagi.correctRate, 3)}` : '—');

  const header = ['library', 'UCI correct', 'UCI false', 'Kagi correct', 'Kagi false', 'Δcorrect vs SL U/K (pts)', 'oracle-thr U/K', 'build ms (×SL)', 'heap MB (×SL)', 'serialized MB (×SL)', 'p50 ms (×SL)', 'p99 ms (×SL)', 'queries'];
  const rows: (string[] | string)[] = [];
  const accCells = (a: Acc | null, base: Acc | null, isBase: boolean) =>
    a
      ? [f(a.uci.correctRate, 3), `${f(100 * a.uci.falseRate, 1)}%`, f(a.kagi.correctRate, 3), `${f(100 * a.kagi.falseRate, 1)}%`, isBase || !base ? '—' : `${pts(a.uci.correctRate, base.uci.correctRate)} / ${pts(a.kagi.correctRate, base.kagi.correctRate)}`]
      : ['—', '—', '—', '—', '—'];

  rows.push(`DEV SPLIT, each split's own library (UCI ${data.uci.stories.length} stories / ${data.uci.pages.length} pages, Kagi ${data.kagi.stories.length} / ${data.kagi.pages.length}); peers' config + threshold tuned on these pages`);
  rows.push(['Storylens Matcher', ...accCells(slDev.acc, null, true), pair(slOracle.acc), '', '', '', '', '', '']);
  for (const t of tuned) rows.push([t.spec.name, ...accCells(t.dev, slDev.acc, false), pair(t.dev), '', '', '', '', '', '']);

  const footnotes: string[] = [];
  for (const r of scale) {
    const sl = r.storylens;
    rows.push(`${r.size.toLocaleString('en')} STORIES (${(r.size - real.length).toLocaleString('en')} synthetic + ${real.length} real dev stories, one library); all ${allPages.length} dev pages; dev-tuned thresholds`);
    const perfCells = (p: Perf, isBase: boolean) => [
      f(p.buildMs, 0) + (isBase ? '' : ratio(p.buildMs, sl.buildMs)),
      f(p.heapBytes === null ? null : p.heapBytes / MB, 1) + (isBase ? '' : ratio(p.heapBytes, sl.heapBytes)),
      f(p.serialBytes === null ? null : p.serialBytes / MB, 1) + (isBase ? '' : ratio(p.serialBytes, sl.serialBytes)),
      f(p.p50, 3) + (isBase ? '' : ratio(p.p50, sl.p50)),
      f(p.p99, 3) + (isBase ? '' : ratio(p.p99, sl.p99)),
      p.queries ? `${p.queries}${p.note ? ' *' : ''}` : '—',
    ];
    rows.push(['Storylens Matcher', ...accCells(sl.acc, null, true), pair(sl.oracle?.acc ?? null), ...perfCells(sl, true)]);
    for (const t of tuned) {
      const p = r.peers[t.spec.name] as Perf;
      const complete = p.pagesDone === allPages.length;
      rows.push([t.spec.name + (p.note ? ' *' : ''), ...accCells(complete ? p.acc : null, sl.acc, false), pair(p.oracle?.acc ?? null), ...perfCells(p, false)]);
      if (p.note) {
        const sample = !complete && p.acc ? ` — on the ${p.pagesDone} answered pages: ${SPLITS.map((s) => `${s} ${(p.acc as Acc)[s].correct}/${(p.acc as Acc)[s].pages} correct, ${(p.acc as Acc)[s].falseMatches} false`).join('; ')}` : '';
        footnotes.push(`* ${t.spec.name} @${r.size.toLocaleString('en')}: ${p.note}${sample}.`);
      }
    }
  }

  const widths = header.map((h, i) => Math.max(h.length, ...rows.filter((r): r is string[] => Array.isArray(r)).map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  const rule = '-'.repeat(widths.reduce((a, w) => a + w + 2, -2));
  const out: string[] = ['Storylens page → story matching vs peers (npm run bench:match)', rule, line(header)];
  for (const r of rows) {
    if (typeof r === 'string') out.push(rule, r);
    else out.push(line(r));
  }
  out.push(rule);

  for (const r of scale) {
    const routes = r.storylens.routes ?? {};
    footnotes.push(`Storylens @${r.size.toLocaleString('en')} decisions by route: ${Object.entries(routes).map(([k, v]) => `${k} ${v.total} (${v.false} false)`).join(', ')}.`);
  }
  out.push(
    'correct = right story, or no story when none is expected, over all pages of the split; false = a story given that the page does not belong to (data README).',
    'Fairness: each peer indexes one document per story (story title + distinct article and source titles; summary/timeline text where its config says so), is queried',
    '  with the page title and accepts its top hit only if it passes a threshold. Config AND threshold were tuned on these same dev pages (objective: mean correct rate',
    '  of the two splits, then fewer false matches), the split the Matcher was tuned on. The Matcher also reads the page URL and date (exact URL/headline keys, time',
    `  re-ranking); the peers have neither feature. At 10k/100k every library keeps its dev-tuned threshold (the Matcher its confidence model and threshold ${DEFAULT_OPTIONS.threshold}).`,
    ...tuned.map((t) => `  ${t.spec.name}: ${t.config}; accept if ${t.rule} (best of ${t.perConfig.length} config(s)).`),
    'oracle-thr: correct rate per split had the threshold been re-tuned on these very pages at this library size (an upper bound, not a result: it looks at the answers).',
    'Synthetic libraries (bench/synth.ts, seeded): k = 3..12 real headlines per story drawn from the ~690 distinct dev headlines (so each recurs ~100× @10k, ~1,000× @100k),',
    "  title = one of them, dated within ±1 year of that headline's own date, articles over 0-3 days; the 73 real dev stories inserted at random positions.",
    'build = index construction from Story objects; heap = heapUsed + arrayBuffers delta after global.gc() (stories excluded: they exist before); serialized: the Matcher has no index',
    "  serialisation (it rebuilds from stories), so its figure is the stories' JSON; MiniSearch JSON.stringify(index); FlexSearch export(); Fuse getIndex().toJSON();",
    `  BM25 its postings as JSON. Latency: one decision (search + threshold) per page, process.hrtime.bigint, ${WARMUP} warm-up queries then ≥ ${MIN_QUERIES} timed (all pages,`,
    `  repeated), or fewer (marked *) where a library's first pass is slow: after the first full pass, timed queries stop at ${QUERY_BUDGET_MS / 1000} s; Fuse.js runs in a child`,
    `  process killed ${FUSE_BUDGET_MS / 1000} s after its index is built (its searches are synchronous and take seconds each).`,
    ...footnotes,
  );
  const mark = (ok: boolean | null) => (ok === null ? '?' : ok ? '✔' : '✘');
  const s10 = scale.find((s) => s.size === 10_000)?.storylens;
  const s100 = scale.find((s) => s.size === 100_000)?.storylens;
  const d = slDev.acc;
  const targets = [
    `in-sample (the cross-validated figures follow below): correct ≥ 0.93 UCI, ≥ 0.97 Kagi ${mark(d.uci.correctRate >= 0.93 && d.kagi.correctRate >= 0.97)} (UCI ${d.uci.correctRate.toFixed(3)}, Kagi ${d.kagi.correctRate.toFixed(3)})`,
    `false ≤ 1% ${mark(d.uci.falseRate <= 0.01 && d.kagi.falseRate <= 0.01)} (UCI ${(100 * d.uci.falseRate).toFixed(1)}%, Kagi ${(100 * d.kagi.falseRate).toFixed(1)}%)`,
    `p99 < 2 ms @10k ${mark(s10?.p99 == null ? null : s10.p99 < 2)} (${f(s10?.p99, 3)} ms)`,
    `< 10 ms @100k ${mark(s100?.p99 == null ? null : s100.p99 < 10)} (${f(s100?.p99, 3)} ms)`,
    `build < 5 s @100k ${mark(s100?.buildMs == null ? null : s100.buildMs < 5000)} (${f(s100?.buildMs == null ? null : s100.buildMs / 1000, 2)} s)`,
  ];
  out.push(`Targets: ${targets.join(', ')}`);
  const calibrated = calibrationReport();
  out.push('', formatCalibration(calibrated));
  console.log(out.join('\n'));

  const dir = resolve(import.meta.dirname, '../artifacts/bench');
  mkdirSync(dir, { recursive: true });
  const json = {
    generated: new Date().toISOString(),
    node: process.version,
    calibration: calibrated,
    minQueries: MIN_QUERIES,
    queryBudgetMs: QUERY_BUDGET_MS,
    fuseBudgetMs: FUSE_BUDGET_MS,
    dev: {
      storylens: { ...slDev.acc, oracle: slOracle },
      peers: Object.fromEntries(tuned.map((t) => [t.spec.name, { config: t.config, threshold: t.threshold, rule: t.rule, ...t.dev, perConfig: t.perConfig }])),
    },
    scale,
    targets,
    table: out.join('\n'),
  };
  writeFileSync(resolve(dir, 'match.json'), `${JSON.stringify(json, (_k, v: unknown) => (v === Infinity ? 'Infinity' : v), 2)}\n`);
  log(`wrote ${resolve(dir, 'match.json')} — total ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

if (process.argv[2] === '--child') child(JSON.parse(process.argv[3] as string) as ChildArgs);
else await main();
