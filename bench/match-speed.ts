/**
 * The Matcher's speed, checkout against checkout, in one process: build time (CPU and wall) and the
 * latency of one match (p50, p99) on bench:match's synthetic libraries and dev pages, each checkout
 * measured in turn, round after round (so that the load of a shared machine falls on each alike).
 * It also checks that the checkouts decide alike: every MatchResult and Evidence on the dev pages (each
 * split's own library, and the synthetic libraries), on the same pages given a standfirst and a lead,
 * and after a tenth of a library was removed, must be identical.
 *
 * `node --expose-gc --import tsx bench/match-speed.ts [ROOT...]` (default this checkout).
 * Env: BENCH_SIZES (default "10000,100000"), BENCH_ROUNDS (default 2).
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { Evidence, MatchPage, MatchResult } from '../src/core/match/matcher';
import type { Story } from '../src/core/story/model';
import { loadSplit, pageOf, type PageLine } from './eval-lib';
import { prng, synthLibrary } from './synth';

interface MatcherLike {
  match(page: MatchPage): MatchResult;
  evidence(page: MatchPage): Evidence | null;
  remove(id: string): boolean;
}
type MatcherClass = new (stories: Iterable<Story>) => MatcherLike;

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').filter(Boolean).map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const MIN_QUERIES = 2000;
const WARMUP = 30;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const load = () => loadavg()[0]!.toFixed(2);

const data = { uci: loadSplit('uci'), kagi: loadSplit('kagi') };
const real = [...data.uci.stories, ...data.kagi.stories];
/** The dev pages in the bench's seeded order (bench/match.ts). */
const pages: PageLine[] = (() => {
  const r = prng(7);
  return [...data.uci.pages, ...data.kagi.pages]
    .map((p) => ({ p, k: r() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.p);
})();
const byId = new Map(real.map((s) => [s.id, s]));
/** The same pages with a standfirst and a lead (from their story's text, or another's), to check those paths too. */
const fuller: MatchPage[] = pages.map((p, i) => {
  const s = byId.get(p.expect ?? '') ?? (real[i % real.length] as Story);
  const description = s.sources.find((x) => x.description)?.description ?? s.articles[(i + 1) % s.articles.length]?.title;
  const lead = s.summary[0]?.text ?? s.timeline[0]?.text;
  return { ...pageOf(p), canonicalUrl: p.url, ...(description ? { description } : {}), ...(lead ? { lead } : {}) };
});

const roots = process.argv.length > 2 ? process.argv.slice(2).map((r) => resolve(r)) : [resolve(import.meta.dirname, '..')];
const classes: MatcherClass[] = [];
for (const root of roots) classes.push(((await import(resolve(root, 'src/core/match/matcher.ts'))) as { Matcher: MatcherClass }).Matcher);

/** Every decision and piece of evidence of a matcher on the pages, as one string per page. */
const answers = (m: MatcherLike, ps: readonly MatchPage[]) => ps.map((p) => JSON.stringify([m.match(p), m.evidence(p)]));

/** The answers of each checkout under one name; reports where they differ from the first checkout's. */
const checks = new Map<string, string[][]>();
function check(name: string, got: string[]): void {
  const all = checks.get(name) ?? [];
  all.push(got);
  checks.set(name, all);
}

console.log(`Matcher speed, ${roots.length} checkout(s), ${ROUNDS} round(s); load average ${loadavg().map((x) => x.toFixed(2)).join(', ')}`);
for (const M of classes) {
  for (const split of ['uci', 'kagi'] as const) {
    const m = new M(data[split].stories);
    const ps = pages.filter((p) => data[split].pages.includes(p));
    check(`dev ${split}`, answers(m, ps.map(pageOf)));
    check(`dev ${split} with standfirst and lead`, answers(m, fuller.filter((_, j) => ps.includes(pages[j] as PageLine))));
  }
}

for (const size of SIZES) {
  const lib = synthLibrary(size, real);
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [i, M] of classes.entries()) {
      gc();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const m = new M(lib);
      const buildWall = performance.now() - t0;
      const buildCpu = cpuMs(process.cpuUsage(c0));
      const loadAfterBuild = load();
      gc();
      for (let q = 0; q < WARMUP; q++) m.match(pageOf(pages[q % pages.length] as PageLine));
      const lat: number[] = [];
      // Each match's CPU time too: on a shared machine a match's wall time includes the time the
      // process waits for a CPU, which its CPU time does not (getrusage: microseconds).
      const cpu: number[] = [];
      const q0 = process.cpuUsage();
      for (let q = 0; q < Math.max(MIN_QUERIES, pages.length); q++) {
        const p = pageOf(pages[q % pages.length] as PageLine);
        const c = process.cpuUsage();
        const s = process.hrtime.bigint();
        m.match(p);
        lat.push(Number(process.hrtime.bigint() - s) / 1e6);
        cpu.push(cpuMs(process.cpuUsage(c)));
      }
      const queryCpu = cpuMs(process.cpuUsage(q0)) / lat.length;
      lat.sort((a, b) => a - b);
      cpu.sort((a, b) => a - b);
      const at = (xs: number[], x: number) => xs[Math.min(xs.length - 1, Math.ceil(x * xs.length) - 1)] as number;
      const pct = (x: number) => at(lat, x);
      console.log(
        `  ${size.toLocaleString('en').padStart(7)} round ${round} ${roots[i]!.padEnd(22)} build ${buildCpu.toFixed(0).padStart(5)} ms CPU (wall ${buildWall.toFixed(0).padStart(5)}, load ${loadAfterBuild}); ` +
          `match p50 ${pct(0.5).toFixed(3)} ms, p99 ${pct(0.99).toFixed(3)} ms; CPU p50 ${at(cpu, 0.5).toFixed(3)}, p99 ${at(cpu, 0.99).toFixed(3)}, mean ${queryCpu.toFixed(3)} ms (${lat.length} queries, load ${load()})`,
      );
      if (round === 1) {
        check(`${size} stories`, answers(m, pages.map(pageOf)));
        check(`${size} stories with standfirst and lead`, answers(m, fuller));
        if (size === SIZES[0]) {
          for (let d = 0; d < lib.length; d += 10) m.remove((lib[d] as Story).id);
          check(`${size} stories, a tenth removed`, answers(m, pages.map(pageOf)));
        }
      }
    }
  }
}

if (roots.length > 1) {
  console.log('Same decisions and evidence as the first checkout:');
  for (const [name, all] of checks) {
    const [first, ...rest] = all as [string[], ...string[][]];
    const diffs = rest.map((r) => r.filter((x, j) => x !== first[j]).length);
    console.log(`  ${name.padEnd(40)} ${first.length} pages: ${diffs.map((d, k) => `${roots[k + 1]} ${d === 0 ? 'identical' : `${d} differ`}`).join(', ')}`);
    for (const [k, r] of rest.entries()) {
      const j = r.findIndex((x, jj) => x !== first[jj]);
      if (j >= 0) console.log(`    first difference (${roots[k + 1]}):\n      ${first[j]}\n      ${r[j]}`);
    }
  }
}
