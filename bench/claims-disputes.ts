/**
 * Disputes against the Kagi dev gold (`claims/kagi-dev/disputes.json`) and the reference story.
 *
 * Matching a predicted dispute to a gold one (each gold dispute matched at most once, best first):
 *  - the two predicted sides go to two different gold sides, and each predicted side's claimant
 *    shares a word (shared tokenizer: folded, stemmed, demonyms to countries) with its gold side's
 *    `who` and `says`;
 *  - and the words of the predicted sides' claims cover at least MIN_COVER of the words of the gold
 *    sides' `says` or the other way round (overlap over the smaller set).
 * Precision counts every predicted dispute of the 35 stories, matched to a clear or a moderate gold
 * dispute; recall is given for the clear ones and for all.
 *
 * `node --import tsx bench/claims-disputes.ts` prints the table alone.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findDisputes } from '../src/core/claims/disputes';
import type { Dispute } from '../src/core/claims/types';
import { importBytes } from '../src/core/story/import';
import { tokenize } from '../src/core/text/tokens';
import { DATA, loadSplit } from './eval-lib';

const ROOT = resolve(import.meta.dirname, '..');
/** Share of the smaller word set the other must cover for two disputes to be about the same thing. */
export const MIN_COVER = 0.2;

export interface GoldDispute {
  question: string;
  sides: { who: string; says: string }[];
  strength: 'clear' | 'moderate';
  where?: string;
}

export interface Result {
  stories: number;
  predicted: number;
  matched: number;
  precision: number;
  gold: { clear: number; all: number };
  found: { clear: number; all: number };
  recallClear: number;
  recallAll: number;
  reference: number;
  /** Predicted disputes that match nothing, and gold disputes not found: for reading the misses. */
  falsePositives: { story: string; question: string }[];
  missed: { story: string; question: string; strength: string }[];
  ms: number;
}

const words = (s: string) => new Set(tokenize(s));
const shares = (a: Set<string>, b: Set<string>) => [...a].some((w) => b.has(w));
function cover(a: Set<string>, b: Set<string>): number {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  if (small.size === 0) return 0;
  return [...small].filter((w) => large.has(w)).length / small.size;
}

/** How well a predicted dispute matches a gold one (0 when it does not). */
export function matchScore(p: Dispute, g: GoldDispute): number {
  if (p.sides.length < 2 || g.sides.length < 2) return 0;
  const gold = g.sides.map((s) => words(`${s.who} ${s.says}`));
  const [a, b] = p.sides.map((s) => words(s.claimant));
  if (!a || !b) return 0;
  const assigned = gold.some((ga, i) => shares(a, ga) && gold.some((gb, j) => j !== i && shares(b, gb)));
  if (!assigned) return 0;
  const c = cover(words(p.sides.map((s) => s.claim).join(' ')), words(g.sides.map((s) => s.says).join(' ')));
  return c >= MIN_COVER ? c : 0;
}

export async function runDisputeBench(): Promise<Result> {
  const gold = JSON.parse(readFileSync(resolve(DATA, 'claims/kagi-dev/disputes.json'), 'utf8')) as { story: string; disputes: GoldDispute[] }[];
  const stories = loadSplit('kagi').stories;
  const byId = new Map(stories.map((s) => [s.id, s]));
  const t0 = performance.now();
  let predicted = 0;
  let matched = 0;
  const found = { clear: 0, all: 0 };
  const total = { clear: 0, all: 0 };
  const falsePositives: Result['falsePositives'] = [];
  const missed: Result['missed'] = [];
  for (const entry of gold) {
    const story = byId.get(entry.story);
    if (!story) throw new Error(`disputes.json names ${entry.story}, which is not in the Kagi dev stories`);
    const mine = findDisputes(story);
    predicted += mine.length;
    for (const g of entry.disputes) {
      total.all++;
      if (g.strength === 'clear') total.clear++;
    }
    // Best pairs first; each gold and each prediction used once.
    const pairs = mine.flatMap((p, i) => entry.disputes.map((g, j) => ({ i, j, score: matchScore(p, g) }))).filter((x) => x.score > 0);
    pairs.sort((x, y) => y.score - x.score);
    const usedP = new Set<number>();
    const usedG = new Set<number>();
    for (const { i, j } of pairs) {
      if (usedP.has(i) || usedG.has(j)) continue;
      usedP.add(i);
      usedG.add(j);
      matched++;
      found.all++;
      if (entry.disputes[j]?.strength === 'clear') found.clear++;
    }
    mine.forEach((p, i) => usedP.has(i) || falsePositives.push({ story: entry.story, question: p.question }));
    entry.disputes.forEach((g, j) => usedG.has(j) || missed.push({ story: entry.story, question: g.question, strength: g.strength }));
  }
  const ms = performance.now() - t0;
  const ref = importBytes(readFileSync(resolve(ROOT, 'data/ukraine-ceasefire-2026-02.txt')), 'reference')[0];
  if (!ref) throw new Error('the reference story did not import');
  return {
    stories: gold.length,
    predicted,
    matched,
    precision: predicted ? matched / predicted : 1,
    gold: total,
    found,
    recallClear: total.clear ? found.clear / total.clear : 1,
    recallAll: total.all ? found.all / total.all : 1,
    reference: findDisputes(ref).length,
    falsePositives,
    missed,
    ms,
  };
}

export function formatDisputeTable(r: Result): string {
  const ok = r.precision >= 0.8 && r.recallClear >= 0.7 && r.reference === 3;
  const lines = [
    `Disputes on the Kagi dev stories (${r.stories} stories; gold: ${r.gold.clear} clear, ${r.gold.all - r.gold.clear} moderate)`,
    `  predicted ${r.predicted}, matching a gold dispute ${r.matched}: precision ${r.precision.toFixed(2)}`,
    `  recall: clear ${r.found.clear}/${r.gold.clear} = ${r.recallClear.toFixed(2)}, all ${r.found.all}/${r.gold.all} = ${r.recallAll.toFixed(2)}`,
    `  reference story: ${r.reference} disputes; ${r.ms.toFixed(0)} ms for the 35 stories`,
  ];
  for (const f of r.falsePositives) lines.push(`  unmatched prediction  ${f.story}: ${f.question}`);
  for (const m of r.missed) lines.push(`  missed (${m.strength})  ${m.story}: ${m.question}`);
  lines.push(`Targets: precision ≥ 0.8, clear recall ≥ 0.7, reference exactly 3 → ${ok ? '✔' : '✘'}`);
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(formatDisputeTable(await runDisputeBench()));
}
