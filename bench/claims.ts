/**
 * npm run bench:claims — one run, one report:
 *  1. claim retrieval on CLEF 2020 CheckThat! Task 2 (English dev): MAP@5, MRR, recall@5 and latency,
 *     Storylens beside a plain BM25 and MiniSearch (bench/claims-retrieval.ts);
 *  2. verdict accuracy of Check claim on the claims about the reference story kept in the tests
 *     (test/fixtures/claims/reference-claims.jsonl: true, false-figure/date, disputed, unrelated).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Library } from '../src/core/library';
import { importBytes } from '../src/core/story/import';
import { formatRetrievalTable, runRetrievalBench } from './claims-retrieval';
import { loadSplit } from './eval-lib';

const ROOT = resolve(import.meta.dirname, '..');

interface Case {
  id: string;
  text: string;
  expect: string;
}

function verdicts() {
  const ref = importBytes(readFileSync(resolve(ROOT, 'data/ukraine-ceasefire-2026-02.txt')), 'reference');
  const library = new Library([...ref, ...loadSplit('kagi').stories]);
  const cases = readFileSync(resolve(ROOT, 'test/fixtures/claims/reference-claims.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Case);
  const byKind = new Map<string, { right: number; all: number }>();
  let supportedWrongFigure = 0;
  const times: number[] = [];
  for (const c of cases) {
    const t0 = process.hrtime.bigint();
    const v = library.check(c.text);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const k = byKind.get(c.expect) ?? { right: 0, all: 0 };
    k.all++;
    if (v.verdict === c.expect) k.right++;
    if (c.expect === 'contradicted' && v.verdict === 'supported') supportedWrongFigure++;
    byKind.set(c.expect, k);
  }
  const right = [...byKind.values()].reduce((a, k) => a + k.right, 0);
  times.sort((a, b) => a - b);
  return { cases: cases.length, right, accuracy: right / cases.length, byKind: Object.fromEntries(byKind), supportedWrongFigure, p50: times[Math.floor(times.length / 2)] ?? 0, p99: times[Math.floor(times.length * 0.99)] ?? 0 };
}

async function main() {
  const retrieval = await runRetrievalBench();
  const v = verdicts();
  const lines: string[] = [formatRetrievalTable(retrieval)];
  lines.push('', `Check claim verdicts on the reference story (${v.cases} claims written for the tests)`);
  lines.push(`  accuracy ${(v.accuracy * 100).toFixed(1)}% (${v.right}/${v.cases}); by expected verdict: ${Object.entries(v.byKind).map(([k, x]) => `${k} ${x.right}/${x.all}`).join(', ')}`);
  lines.push(`  'supported' for a contradicted figure: ${v.supportedWrongFigure}; latency per claim p50 ${v.p50.toFixed(2)} ms, p99 ${v.p99.toFixed(2)} ms`);
  lines.push(`Targets: MAP@5 ≥ 0.90 on CLEF dev, p99 < 20 ms; verdicts ≥ 90% and never supported for a contradicted figure → verdicts ${v.accuracy >= 0.9 && v.supportedWrongFigure === 0 ? '✔' : '✘'}`);
  console.log(lines.join('\n'));
  mkdirSync(resolve(ROOT, 'artifacts/bench'), { recursive: true });
  writeFileSync(resolve(ROOT, 'artifacts/bench/claims.json'), JSON.stringify({ retrieval, verdicts: v }, null, 2));
}

await main();
