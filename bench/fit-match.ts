/**
 * Fits the matcher's confidence model and threshold on the dev splits (../shared/data/matching), and
 * prints them with the decisions they give: `npm run fit:match`. Nothing else is tuned on: the
 * held-out split that judges the matcher is not here.
 *
 * For BM25's k1 and b on a small grid: every page that reaches the model (not vetoed, not out of date
 * range) gives its best candidate's evidence as a sample, labelled 1 when that candidate is the page's
 * story. The model is L2-regularised logistic regression (the penalty fixed), fitted by Newton's
 * method with each split weighing the same; the threshold is the one that gives the most correct
 * decisions on the worse split (then on both) with at most 2% false matches on each. The best grid
 * point is printed last, ready for DEFAULT_OPTIONS.
 */
import { loadSplit, pageOf, score } from './eval-lib';
import { fitLogistic } from './logistic';
import { confidenceFeatures, FEATURES } from '../src/core/match/confidence';
import { Matcher, type MatcherOptions } from '../src/core/match/matcher';

const splits = (['uci', 'kagi'] as const).map((name) => ({ name, ...loadSplit(name) }));

type Model = MatcherOptions['model'];

interface Sample {
  split: number;
  x: number[];
  y: number;
}

interface Fit {
  k1: number;
  b: number;
  l2: number;
  model: Model;
  threshold: number;
  /** Correct decisions on the worse split, then a little of the mean: what the search maximises. */
  objective: number;
  results: ReturnType<typeof score>[];
}

/** Fits the model for BM25's k1 and b, with L2 penalty l2, then picks the threshold. */
function fit(k1: number, b: number, l2: number): Fit | null {
  const samples: Sample[] = [];
  splits.forEach((s, k) => {
    const m = new Matcher(s.stories, { k1, b });
    for (const p of s.pages) {
      const f = m.evidence(pageOf(p));
      if (!f || m.vetoed(f)) continue;
      samples.push({ split: k, x: confidenceFeatures(f), y: s.stories[f.doc]?.id === p.expect ? 1 : 0 });
    }
  });
  // Each split weighs the same; the bias is not penalised.
  const perSplit = splits.map((_, k) => samples.filter((t) => t.split === k).length);
  const w = fitLogistic(
    samples.map((t) => t.x),
    samples.map((t) => t.y),
    { l2, penaliseBias: false, average: false, weights: samples.map((t) => samples.length / ((perSplit[t.split] as number) * splits.length)), iterations: 50, tolerance: 1e-9 },
  );
  const model = w.map((v) => Math.round(v * 100) / 100) as unknown as Model;

  // The threshold: most correct decisions on the worse split, then on both; at most 2% false matches on each.
  let best: Fit | null = null;
  for (let t = 0.3; t <= 0.951; t += 0.01) {
    const threshold = Math.round(t * 100) / 100;
    const results = splits.map((s) => {
      const m = new Matcher(s.stories, { k1, b, model, threshold });
      return score(s.pages, s.pages.map((p) => m.match(pageOf(p)).storyId));
    });
    if (results.some((r) => r.falseRate > 0.02)) continue;
    const objective = Math.min(...results.map((r) => r.correctRate)) + 1e-3 * (results.reduce((a, r) => a + r.correctRate, 0) / results.length);
    if (!best || objective > best.objective + 1e-12) best = { k1, b, l2, model, threshold, objective, results };
  }
  return best;
}

/** The penalty is a prior, not searched: a few hundred pages would let a weak one fit their noise. */
const L2 = Number(process.env.FIT_L2 ?? 0.3);
const fits: Fit[] = [];
for (const k1 of [0.9, 1.2, 1.5]) for (const b of [0.5, 0.75, 0.9]) {
  const f = fit(k1, b, L2);
  if (f) fits.push(f);
}
fits.sort((x, y) => y.objective - x.objective || x.results.reduce((a, r) => a + r.falseMatches, 0) - y.results.reduce((a, r) => a + r.falseMatches, 0));
const row = (f: Fit) =>
  `k1 ${f.k1} b ${f.b} L2 ${f.l2}  threshold ${f.threshold}  ` + f.results.map((r, k) => `${splits[k]?.name} ${r.correctRate.toFixed(3)} (${r.correct}/${r.pages}, ${r.falseMatches} false)`).join('  ');
console.log(`best fits (L2 ${L2}; each split weighs the same; fewer false matches first among equals):`);
for (const f of fits.slice(0, 8)) console.log(`  ${row(f)}`);
const top = fits[0];
if (top) console.log(`\nchosen: k1 ${top.k1}, b ${top.b}, model [${top.model.join(', ')}], threshold ${top.threshold}\n  (bias, ${FEATURES.join(', ')})`);
