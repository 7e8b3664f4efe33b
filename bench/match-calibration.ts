/**
 * Does the matcher's confidence mean what it says? On the dev splits (../shared/data/matching):
 *
 *  - reliability: every page the matcher would weigh (not vetoed), its stated confidence against
 *    whether the best candidate is the page's story, in deciles of confidence (observed precision
 *    per decile, and the gap to the mean stated confidence);
 *  - stories held out: each page again, with its own story taken out of the library (the page's
 *    event is then one the library has never seen, and every other story of the same outlets and
 *    weeks is a hard negative): any match is false. This is how a reader meets stories the matcher
 *    was never fitted on.
 *
 *   node --import tsx bench/match-calibration.ts     (also printed by npm run bench:match)
 */
import { resolve } from 'node:path';
import { DEFAULT_OPTIONS, isMatch, Matcher } from '../src/core/match/matcher';
import { loadSplit, pageOf } from './eval-lib';

export interface Decile {
  from: number;
  pages: number;
  stated: number;
  observed: number;
}

export interface Calibration {
  split: string;
  weighed: number;
  deciles: Decile[];
  /** Largest |stated − observed| over deciles with at least MIN_PAGES pages. */
  worstGap: number;
  heldOut: { pages: number; falseMatches: number; falseRate: number; examples: string[] };
}

/** A decile speaks for itself only with this many pages in it. */
export const MIN_PAGES = 20;

export function calibration(split: 'uci' | 'kagi'): Calibration {
  const { stories, pages } = loadSplit(split);
  const matcher = new Matcher(stories, DEFAULT_OPTIONS);
  const byId = new Map(stories.map((s) => [s.id, s]));
  const bins: { n: number; stated: number; right: number }[] = Array.from({ length: 10 }, () => ({ n: 0, stated: 0, right: 0 }));
  let weighed = 0;
  for (const p of pages) {
    const f = matcher.evidence(pageOf(p));
    if (!f || matcher.vetoed(f)) continue;
    const c = matcher.confidence(f);
    const bin = bins[Math.min(9, Math.floor(c * 10))] as { n: number; stated: number; right: number };
    bin.n++;
    bin.stated += c;
    if (stories[f.doc]?.id === p.expect) bin.right++;
    weighed++;
  }
  const deciles = bins.map((b, i) => ({ from: i / 10, pages: b.n, stated: b.n ? b.stated / b.n : 0, observed: b.n ? b.right / b.n : 0 }));
  const worstGap = Math.max(0, ...deciles.filter((d) => d.pages >= MIN_PAGES).map((d) => Math.abs(d.stated - d.observed)));

  // Each page against the library without its own story.
  let tried = 0;
  let falseMatches = 0;
  const examples: string[] = [];
  for (const p of pages) {
    const own = p.expect ? byId.get(p.expect) : undefined;
    if (!own) continue;
    matcher.remove(own.id);
    const r = matcher.match(pageOf(p));
    matcher.add(own);
    tried++;
    if (isMatch(r)) {
      falseMatches++;
      if (examples.length < 5) examples.push(`"${p.title}" → "${r.title}" (${r.confidence})`);
    }
  }
  return { split, weighed, deciles, worstGap, heldOut: { pages: tried, falseMatches, falseRate: tried ? falseMatches / tried : 0, examples } };
}

export function formatCalibration(rows: Calibration[]): string {
  const out = ['Calibration of the stated confidence (dev splits; deciles with ≥ 20 pages count):'];
  for (const r of rows) {
    out.push(`  ${r.split}: ${r.weighed} pages weighed; worst |stated − observed| ${r.worstGap.toFixed(3)} ${r.worstGap <= 0.05 ? '✔' : '✘'} (target ≤ 0.05)`);
    out.push(`    decile   pages  stated  observed`);
    for (const d of r.deciles) if (d.pages) out.push(`    ${d.from.toFixed(1)}–${(d.from + 0.1).toFixed(1)} ${String(d.pages).padStart(7)} ${d.stated.toFixed(3).padStart(7)} ${d.observed.toFixed(3).padStart(9)}${d.pages < 20 ? '  (few)' : ''}`);
    out.push(
      `    own story held out: ${r.heldOut.falseMatches}/${r.heldOut.pages} pages matched elsewhere = ${(r.heldOut.falseRate * 100).toFixed(1)}% false ${r.heldOut.falseRate <= 0.01 ? '✔' : '✘'} (target ≤ 1%)${r.heldOut.examples.length ? `; e.g. ${r.heldOut.examples.slice(0, 3).join('; ')}` : ''}`,
    );
  }
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(formatCalibration([calibration('uci'), calibration('kagi')]));
}
