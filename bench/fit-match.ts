/**
 * Fits the matcher's confidence model and threshold on the dev splits (../shared/data/matching) and
 * prints them, with the leave-stories-out cross-validated decisions the same fitting gives:
 * `npm run fit:match`. Nothing else is tuned on: the held-out split that judges the matcher is not here.
 *
 * Samples (bench/match-cv.ts): every page's best candidate as the library is (a positive when it is
 * the page's story), and the page's best candidate with its own story taken out of the library (a
 * hard negative: a story of the same outlets, weeks or topic, of another event). The model is
 * L2-regularised logistic regression on `confidenceFeatures` (the matcher's own function), each split
 * weighing the same; the threshold the one that gives the most correct decisions on the worse split
 * within the false-match limits of FIT. BM25's k1 and b keep the values an earlier grid search chose.
 */
import { FEATURES } from '../src/core/match/confidence';
import { crossValidate, FIT, fitOn, pageCases, SPLITS } from './match-cv';

const cases = pageCases();
const cv = crossValidate(cases, FIT);
console.log(`leave-stories-out cross-validation (${FIT.heldOutWeight} weight on held-out negatives, L2 ${FIT.l2}):`);
cv.perSplit.forEach((t, k) =>
  console.log(
    `  ${SPLITS[k]}: correct ${(t.correct / t.pages).toFixed(3)} (${t.correct}/${t.pages}), false ${t.falseMatches}, abstained ${t.abstained}; own story held out: ${t.heldOutFalse}/${t.heldOutPages} false; worst decile gap ${(cv.worstGap[k] as number).toFixed(3)}`,
  ),
);
const all = fitOn(cases, FIT);
console.log(`\nfitted on all dev pages: model [${all.model.join(', ')}], threshold ${all.threshold}\n  (bias, ${FEATURES.join(', ')})`);
