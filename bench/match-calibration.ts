/**
 * Does the matcher's confidence mean what it says on stories it was never fitted on? On the dev splits
 * (../shared/data/matching), by leave-stories-out cross-validation (bench/match-cv.ts: folds over
 * stories, each fold's pages decided by a model and threshold fitted on the other folds' pages):
 *
 *  - decisions: correct, false matches and abstentions on the pages as they are;
 *  - own story held out: each page again with its own story taken out of the library (its event is
 *    one the library does not know; the best candidate is a story of the same outlets, weeks or topic,
 *    of another event): any match is false;
 *  - reliability: stated confidence against observed precision of the best candidate, per decile of
 *    confidence (a decile with fewer than 20 pages does not count);
 *  - the trade-off: the same cross-validation with stricter and looser limits on held-out false matches.
 *
 * Then the shipped model (DEFAULT_OPTIONS) on all dev pages, own story held out: fitted on these pages,
 * so in-sample.
 *
 *   node --import tsx bench/match-calibration.ts     (also printed by npm run bench:match)
 */
import { resolve } from 'node:path';
import { DEFAULT_OPTIONS } from '../src/core/match/matcher';
import { crossValidate, decide, FIT, fitOn, FOLDS, MIN_PAGES, pageCases, SPLITS, tally, type CvReport, type PageCases, type Tally } from './match-cv';

export interface CalibrationReport {
  cv: CvReport;
  /** Per split: pages that share no word with their story's headlines, and how many of them the cross-validated matcher missed. */
  noSharedWord: { pages: number; missed: number }[];
  tradeOff: { maxHeldOutFalse: number; perSplit: Tally[] }[];
  shipped: Tally[];
}

export function calibrationReport(): CalibrationReport {
  const cases = pageCases();
  const cv = crossValidate(cases, FIT);
  const tradeOff = [0.01, 0.02, 0.04, 0.08, 0.16].map((cap) => ({ maxHeldOutFalse: cap, perSplit: crossValidate(cases, { ...FIT, maxHeldOutFalse: cap }).perSplit }));
  const shipped = SPLITS.map((_, k) => tally(cases.filter((c) => c.split === k), () => ({ model: DEFAULT_OPTIONS.model, threshold: DEFAULT_OPTIONS.threshold })));
  const fits = Array.from({ length: FOLDS }, (_, f) => fitOn(cases.filter((c) => c.fold !== f), FIT));
  const noSharedWord = SPLITS.map((_, k) => {
    const loose = cases.filter((c) => c.split === k && c.noSharedWord);
    const fit = (c: PageCases) => fits[c.fold] as { model: number[]; threshold: number };
    return { pages: loose.length, missed: loose.filter((c) => decide(c.asIs, fit(c).model, fit(c).threshold).story !== c.page.expect).length };
  });
  return { cv, noSharedWord, tradeOff, shipped };
}

const pct = (a: number, b: number) => `${b ? ((100 * a) / b).toFixed(1) : '0.0'}%`;
const row = (t: Tally) =>
  `correct ${(t.correct / t.pages).toFixed(3)} (${t.correct}/${t.pages})  false ${t.falseMatches} (${pct(t.falseMatches, t.pages)})  abstained ${t.abstained}  | own story held out: false ${t.heldOutFalse}/${t.heldOutPages} (${pct(t.heldOutFalse, t.heldOutPages)})`;

export function formatCalibration(r: CalibrationReport): string {
  const out = [
    `Matching, leave-stories-out cross-validation (${r.cv.perSplit.length} splits, folds over stories; limits: false ≤ ${FIT.maxFalse * 100}% as is, ≤ ${FIT.maxHeldOutFalse * 100}% own story held out; threshold ≥ ${FIT.minThreshold}, the floor that holds false matches within 1% in the 100,000-story library):`,
  ];
  r.cv.perSplit.forEach((t, k) => {
    const name = SPLITS[k] as string;
    const target = name === 'uci' ? 0.93 : 0.97;
    const gap = r.cv.worstGap[k] as number;
    out.push(`  ${name.padEnd(5)} ${row(t)}`);
    out.push(
      `        targets: correct ≥ ${target} ${t.correct / t.pages >= target ? '✔' : '✘'}; false ≤ 1% ${t.falseMatches <= 0.01 * t.pages ? '✔' : '✘'}; held out false ≤ 1% ${t.heldOutFalse <= 0.01 * t.heldOutPages ? '✔' : '✘'}; calibration |stated − observed| ≤ 0.05 ${gap <= 0.05 ? '✔' : '✘'} (worst ${gap.toFixed(3)})`,
    );
    out.push(`        decile   pages  stated  observed`);
    for (const d of r.cv.reliability[k] ?? [])
      if (d.pages) out.push(`        ${d.from.toFixed(1)}–${(d.from + 0.1).toFixed(1)} ${String(d.pages).padStart(7)} ${d.stated.toFixed(3).padStart(7)} ${d.observed.toFixed(3).padStart(9)}${d.pages < MIN_PAGES ? '  (few)' : ''}`);
    const loose = r.noSharedWord[k] as { pages: number; missed: number };
    out.push(
      `        loose labels: ${loose.pages} of ${t.pages} pages share no word (headline or address slug) with any headline of their story, ${loose.missed} of them not matched; ceiling on headline evidence ${(1 - loose.pages / t.pages).toFixed(3)}`,
    );
    const ex = r.cv.examples[k] ?? [];
    if (ex.length) out.push(`        false matches:\n${ex.map((e) => `          ${e}`).join('\n')}`);
  });
  out.push('  trade-off (same cross-validation, other limits on held-out false matches):');
  for (const t of r.tradeOff) out.push(`    ≤ ${String(t.maxHeldOutFalse * 100).padStart(2)}%: ` + t.perSplit.map((s, k) => `${SPLITS[k]} correct ${(s.correct / s.pages).toFixed(3)} false ${s.falseMatches} held-out false ${s.heldOutFalse}/${s.heldOutPages}`).join('  '));
  out.push('  shipped model on all dev pages (in-sample):');
  r.shipped.forEach((t, k) => out.push(`    ${(SPLITS[k] as string).padEnd(5)} ${row(t)}`));
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(formatCalibration(calibrationReport()));
}
