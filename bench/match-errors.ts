/**
 * Error analysis for the matcher's confidence, by leave-stories-out cross-validation (bench/match-cv.ts):
 * every page the cross-validated decision gets wrong (a miss or a false match, as it is), and every false
 * match with the page's own story held out, each with the evidence the best candidate had and the
 * headline of the story the page belongs to, so a reader can see what a human would have seen.
 *
 *   node --import tsx bench/match-errors.ts [uci|kagi]
 */
import { FEATURES, probability } from '../src/core/match/confidence';
import { decide, FIT, fitOn, FOLDS, pageCases, SPLITS, type Case } from './match-cv';
import { loadSplit } from './eval-lib';

const only = process.argv[2];
const cases = pageCases();
const fits = Array.from({ length: FOLDS }, (_, f) => fitOn(cases.filter((c) => c.fold !== f), FIT));
const titles = new Map<string, string>();
for (const s of SPLITS) for (const st of loadSplit(s).stories) titles.set(st.id, st.title);
const short = (id: string | null) => (id ? `${id.slice(0, 14)} "${(titles.get(id) ?? '').slice(0, 70)}"` : 'none');
const features = (c: Case) => (c.x ? FEATURES.map((f, i) => `${f}=${(c.x as number[])[i]?.toFixed(2)}`).join(' ') : c.exact ? 'exact' : 'no candidate / vetoed');

SPLITS.forEach((name, k) => {
  if (only && only !== name) return;
  console.log(`\n== ${name}: misses and false matches as it is`);
  for (const c of cases) {
    if (c.split !== k) continue;
    const { model, threshold } = fits[c.fold] as { model: number[]; threshold: number };
    const d = decide(c.asIs, model, threshold);
    if (d.story === c.page.expect) continue;
    const p = c.asIs.x ? probability(model, c.asIs.x).toFixed(2) : '-';
    console.log(`${d.story ? 'FALSE' : 'MISS '} p=${p} t=${threshold} "${c.page.title}" ${c.page.url}\n    expect ${short(c.page.expect)}\n    best   ${short(c.asIs.candidate ?? c.asIs.exact)}\n    ${features(c.asIs)}`);
  }
  console.log(`\n== ${name}: own story held out, matched`);
  for (const c of cases) {
    if (c.split !== k || !c.heldOut) continue;
    const { model, threshold } = fits[c.fold] as { model: number[]; threshold: number };
    const d = decide(c.heldOut, model, threshold);
    if (!d.story) continue;
    console.log(`HELD p=${d.confidence?.toFixed(2)} "${c.page.title}" ${c.page.url}\n    own    ${short(c.page.expect)}\n    given  ${short(d.story)}\n    ${features(c.heldOut)}`);
  }
});
