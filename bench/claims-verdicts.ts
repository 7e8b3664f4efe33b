/**
 * Check claim verdicts on the Kagi dev claims (../shared/data/claims/kagi-dev): the same scores as
 * that folder's score.py (accuracy, per-class precision and recall, contradicted answered
 * "supported", recall by kind of change), and the latency of one check.
 *
 *   node --import tsx bench/claims-verdicts.ts [--misses]    # the table, and each wrong answer
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Library } from '../src/core/library';
import type { Verdict } from '../src/core/claims/check';
import { DATA, loadSplit } from './eval-lib';

export const CLASSES = ['supported', 'contradicted', 'disputed', 'not-found'] as const;
type Gold = { id: string; story: string; text: string; verdict: (typeof CLASSES)[number]; change?: string };

export interface VerdictScores {
  n: number;
  accuracy: number;
  perClass: Record<string, { precision: number; recall: number; gold: number; predicted: number }>;
  supportedForContradicted: number;
  recallByChange: Record<string, number>;
  confusion: Record<string, Record<string, number>>;
  p50: number;
  p99: number;
  misses: { id: string; gold: string; pred: string; change?: string; text: string; summary: string }[];
}

export function loadGold(): Gold[] {
  return readFileSync(resolve(DATA, 'claims/kagi-dev/gold.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Gold);
}

/** Scores `check` over the dev claims; `library` holds the 35 dev stories (and may hold more). */
export function scoreVerdicts(library: Library, gold: Gold[] = loadGold()): VerdictScores {
  const confusion: Record<string, Record<string, number>> = Object.fromEntries(CLASSES.map((c) => [c, {}]));
  const times: number[] = [];
  const misses: VerdictScores['misses'] = [];
  const byChange = new Map<string, { ok: number; all: number }>();
  let correct = 0;
  for (const g of gold) {
    const t0 = process.hrtime.bigint();
    const v: Verdict = library.check(g.text);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const pred = v.verdict;
    const row = confusion[g.verdict] as Record<string, number>;
    row[pred] = (row[pred] ?? 0) + 1;
    const ok = pred === g.verdict;
    if (ok) correct++;
    else misses.push({ id: g.id, gold: g.verdict, pred, ...(g.change ? { change: g.change } : {}), text: g.text, summary: v.summary });
    if (g.verdict === 'contradicted') {
      const k = byChange.get(g.change ?? '?') ?? { ok: 0, all: 0 };
      k.all++;
      if (ok) k.ok++;
      byChange.set(g.change ?? '?', k);
    }
  }
  const perClass: VerdictScores['perClass'] = {};
  for (const c of CLASSES) {
    const tp = confusion[c]?.[c] ?? 0;
    const goldN = Object.values(confusion[c] ?? {}).reduce((a, b) => a + b, 0);
    const predicted = CLASSES.reduce((a, g) => a + (confusion[g]?.[c] ?? 0), 0);
    perClass[c] = { precision: predicted ? tp / predicted : 0, recall: goldN ? tp / goldN : 0, gold: goldN, predicted };
  }
  times.sort((a, b) => a - b);
  misses.sort((a, b) => Number(!(a.gold === 'contradicted' && a.pred === 'supported')) - Number(!(b.gold === 'contradicted' && b.pred === 'supported')) || a.id.localeCompare(b.id));
  return {
    n: gold.length,
    accuracy: correct / gold.length,
    perClass,
    supportedForContradicted: confusion.contradicted?.supported ?? 0,
    recallByChange: Object.fromEntries([...byChange.entries()].sort().map(([k, x]) => [k, x.ok / x.all])),
    confusion,
    p50: times[Math.floor(times.length / 2)] ?? 0,
    p99: times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0,
    misses,
  };
}

const pct = (x: number) => x.toFixed(2);

export function formatVerdictTable(s: VerdictScores, label = 'Kagi dev claims'): string {
  const lines = [`${label} (${s.n}): accuracy ${pct(s.accuracy)}; 'supported' for a contradicted claim: ${s.supportedForContradicted}`];
  lines.push('  class          precision  recall  gold  predicted');
  for (const c of CLASSES) {
    const x = s.perClass[c];
    if (x) lines.push(`  ${c.padEnd(14)} ${pct(x.precision).padStart(9)} ${pct(x.recall).padStart(7)} ${String(x.gold).padStart(5)} ${String(x.predicted).padStart(10)}`);
  }
  lines.push(`  contradicted recall by change: ${Object.entries(s.recallByChange).map(([k, v]) => `${k} ${pct(v)}`).join(', ')}`);
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const library = new Library(loadSplit('kagi').stories);
  const s = scoreVerdicts(library);
  console.log(formatVerdictTable(s));
  console.log(`  latency p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms`);
  if (process.argv.includes('--misses')) for (const m of s.misses) console.log(`${m.id} ${m.gold}${m.change ? `/${m.change}` : ''} → ${m.pred}: ${m.text}\n      ${m.summary.slice(0, 220)}`);
}
