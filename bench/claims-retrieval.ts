/**
 * Claim retrieval on CLEF 2020 CheckThat! Task 2 (English): for each tweet, rank the 10,375 Snopes
 * fact-checks; official measure MAP@5. Compares Storylens's FactCheckIndex with a plain BM25 and with
 * MiniSearch on the dev split: MAP@5, MRR, recall@5, index build time and per-query latency.
 *
 *   node --import tsx bench/claims-retrieval.ts          the table (dev)
 *   node --import tsx bench/claims-retrieval.ts --fit    re-fit the stage-2 and confidence weights
 *                                                        on the TRAIN split and print them (they live
 *                                                        in DEFAULTS in src/core/claims/retrieval.ts)
 *
 * `runRetrievalBench()` returns the rows (bench/claims.ts prints them with the other claim benchmarks).
 * Data: ../shared/data/claims/clef2020 (read with readFileSync: a missing file fails loudly).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import MiniSearch from 'minisearch';
import { claimTerms, DEFAULTS, FactCheckIndex, FEATURES, type RetrievalOptions } from '../src/core/claims/retrieval';
import { tokenize } from '../src/core/text/tokens';
import { fitLogistic } from './logistic';

export const CLEF_DIR = resolve(import.meta.dirname, '../../shared/data/claims/clef2020');

export interface VClaim {
  id: string;
  claim: string;
  title: string;
}

export interface ClefQuery {
  id: string;
  text: string;
  /** Ids of the relevant verified claims. */
  relevant: string[];
}

/** Tab-separated values with CSV-style quoting ("" inside quotes; quoted fields may span lines). */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let atStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && atStart) {
      quoted = true;
      atStart = false;
    } else if (c === '\t') {
      row.push(field);
      field = '';
      atStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atStart = true;
    } else {
      field += c;
      atStart = false;
    }
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** The 10,375 verified claims. */
export function loadVerifiedClaims(dir = CLEF_DIR): VClaim[] {
  const rows = parseTsv(readFileSync(resolve(dir, 'verified_claims.tsv'), 'utf8'));
  return rows.slice(1).map((r) => ({ id: r[0] as string, claim: r[1] as string, title: r[2] as string }));
}

/** A split's tweets with their relevant claims (`tweet_id 0 vclaim_id 1` lines). */
export function loadQueries(split: 'train' | 'dev', dir = CLEF_DIR): ClefQuery[] {
  const relevant = new Map<string, string[]>();
  for (const line of readFileSync(resolve(dir, split, 'tweet-vclaim-pairs.qrels'), 'utf8').split('\n')) {
    const [tweet, , claim, rel] = line.trim().split(/\s+/);
    if (!tweet || !claim || rel === '0') continue;
    relevant.set(tweet, [...(relevant.get(tweet) ?? []), claim]);
  }
  return parseTsv(readFileSync(resolve(dir, split, 'tweets.queries.tsv'), 'utf8'))
    .slice(1)
    .filter((r) => r.length >= 2)
    .map((r) => ({ id: r[0] as string, text: r[1] as string, relevant: relevant.get(r[0] as string) ?? [] }));
}

// ---------------------------------------------------------------------------------------------
// Measures

/** Average precision at 5 (CLEF's: precision at each relevant hit in the top 5, over the relevant count). */
export function averagePrecisionAt5(ranked: readonly string[], relevant: readonly string[]): number {
  if (relevant.length === 0) return 0;
  let hits = 0, sum = 0;
  for (let i = 0; i < Math.min(5, ranked.length); i++) {
    if (relevant.includes(ranked[i] as string)) sum += ++hits / (i + 1);
  }
  return sum / Math.min(relevant.length, 5);
}

export interface Quality {
  map5: number;
  mrr: number;
  recall5: number;
}

/** MAP@5, MRR (over the top 100) and recall@5 of rankings. */
export function quality(queries: readonly ClefQuery[], rankings: readonly (readonly string[])[]): Quality {
  let map = 0, mrr = 0, recall = 0;
  queries.forEach((q, i) => {
    const r = rankings[i] ?? [];
    map += averagePrecisionAt5(r, q.relevant);
    const first = r.slice(0, 100).findIndex((id) => q.relevant.includes(id));
    if (first >= 0) mrr += 1 / (first + 1);
    recall += r.slice(0, 5).filter((id) => q.relevant.includes(id)).length / Math.max(1, q.relevant.length);
  });
  const n = Math.max(1, queries.length);
  return { map5: map / n, mrr: mrr / n, recall5: recall / n };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

// ---------------------------------------------------------------------------------------------
// Peers

/** Plain BM25 (k1 1.2, b 0.75) over vclaim + title, Storylens's tokenizer, the tweet as it is. */
export class PlainBm25 {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths: number[] = [];
  private readonly ids: string[] = [];
  private avg = 0;
  constructor(docs: readonly VClaim[], private readonly k1 = 1.2, private readonly b = 0.75) {
    for (const d of docs) {
      const slot = this.ids.length;
      const tokens = tokenize(`${d.claim} ${d.title}`);
      this.ids.push(d.id);
      this.lengths.push(tokens.length);
      for (const t of tokens) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = new Map()));
        p.set(slot, (p.get(slot) ?? 0) + 1);
      }
    }
    this.avg = this.lengths.reduce((a, b) => a + b, 0) / Math.max(1, this.lengths.length);
  }
  search(text: string, k: number): string[] {
    const n = this.ids.length;
    const scores = new Map<number, number>();
    for (const t of tokenize(text)) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = Math.log(1 + (n - p.size + 0.5) / (p.size + 0.5));
      for (const [slot, tf] of p) {
        const norm = tf + this.k1 * (1 - this.b + (this.b * (this.lengths[slot] as number)) / this.avg);
        scores.set(slot, (scores.get(slot) ?? 0) + (idf * tf * (this.k1 + 1)) / norm);
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([slot]) => this.ids[slot] as string);
  }
}

/** URLs carry no words; MiniSearch's tokenizer would otherwise index "https", "t", "co". */
const stripLinks = (s: string) => s.replace(/(?:https?:\/\/|pic\.twitter\.com\/|www\.)\S*/g, ' ');

/**
 * MiniSearch as well configured as we could (a grid on TRAIN, MAP@5 0.654 with its defaults → 0.826):
 * Storylens's tokenizer (folding, stemming, stop words), links stripped, OR semantics, title boosted
 * 1.2, BM25 k 1.2 / b 0.75 / d 0, fuzzy 0.1 (0.15 and more, and prefix matching, lowered MAP@5:
 * tweets are long and noisy).
 */
export function miniSearch(docs: readonly VClaim[]): (text: string, k: number) => string[] {
  const ms = new MiniSearch<VClaim>({
    fields: ['claim', 'title'],
    idField: 'id',
    tokenize: (s) => tokenize(stripLinks(s)),
    processTerm: (t) => t,
    searchOptions: { combineWith: 'OR', boost: { title: 1.2 }, fuzzy: 0.1, bm25: { k: 1.2, b: 0.75, d: 0 } },
  });
  ms.addAll(docs as VClaim[]);
  return (text, k) =>
    ms
      .search(text)
      .slice(0, k)
      .map((r) => String(r.id));
}

// ---------------------------------------------------------------------------------------------
// The benchmark

export interface RetrievalRow {
  system: string;
  map5: number;
  mrr: number;
  recall5: number;
  buildMs: number;
  p50Ms: number;
  p99Ms: number;
}

type Ranker = (text: string, k: number) => readonly string[];

const claimKeys = new WeakMap<readonly VClaim[], string[]>();

/**
 * Runs `fn` with a query's answers taken out of the index: its relevant claims and their duplicates
 * (Snopes lists some claims twice, differing only in quotation marks), then puts them back.
 */
export function withoutAnswers<T>(index: FactCheckIndex, vc: readonly VClaim[], q: ClefQuery, fn: () => T): T {
  let keys = claimKeys.get(vc);
  if (!keys) claimKeys.set(vc, (keys = vc.map((v) => claimTerms(v.claim).join(' '))));
  const k = keys;
  const answers = new Set(vc.flatMap((v, i) => (q.relevant.includes(v.id) ? [k[i]] : [])));
  const removed = vc.filter((v, i) => q.relevant.includes(v.id) || answers.has(k[i]));
  for (const v of removed) index.remove(v.id);
  try {
    return fn();
  } finally {
    for (const v of removed) index.add(v);
  }
}

function measure(system: string, build: () => Ranker, queries: readonly ClefQuery[], passes = 3): RetrievalRow {
  const t0 = process.hrtime.bigint();
  const ranker = build();
  const buildMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const rankings = queries.map((q) => ranker(q.text, 100)); // warm-up, and the rankings scored
  const times: number[] = [];
  for (let p = 0; p < passes; p++) {
    for (const q of queries) {
      const s = process.hrtime.bigint();
      ranker(q.text, 5);
      times.push(Number(process.hrtime.bigint() - s) / 1e6);
    }
  }
  times.sort((a, b) => a - b);
  return { system, ...quality(queries, rankings), buildMs, p50Ms: percentile(times, 50), p99Ms: percentile(times, 99) };
}

const storylens = (vc: readonly VClaim[], options: Partial<RetrievalOptions> = {}): Ranker => {
  const index = new FactCheckIndex(vc, options);
  return (text, k) => index.search(text, k).map((h) => h.id);
};

/** Runs every system on CLEF dev; the rows of the table, Storylens first. */
export function runRetrievalBench(): RetrievalRow[] {
  const vc = loadVerifiedClaims();
  const dev = loadQueries('dev');
  const stage1 = FEATURES.map((f) => (f === 'bm25' ? 1 : 0));
  return [
    measure('Storylens FactCheckIndex', () => storylens(vc), dev),
    measure('Storylens stage 1 only (BM25F + query prep)', () => storylens(vc, { weights: stage1, mean: stage1.map(() => 0), std: stage1.map(() => 1) }), dev),
    measure('Plain BM25 (vclaim + title)', () => {
      const bm = new PlainBm25(vc);
      return (text, k) => bm.search(text, k);
    }, dev),
    measure('MiniSearch 7 (vclaim, title)', () => miniSearch(vc), dev),
  ];
}

export interface ConfidenceReport {
  queries: number;
  /** Dev queries marked confident, and the share of those whose top-1 is right. */
  confident: number;
  precision: number;
  /** Dev queries whose top-1 is right, and the share of those marked confident. */
  correct: number;
  recall: number;
  /** The same dev queries with their relevant claims removed from the index: share still marked confident. */
  falseConfidentWithoutAnswer: number;
}

/** How `best().confident` behaves on CLEF dev. */
export function confidenceReport(): ConfidenceReport {
  const vc = loadVerifiedClaims();
  const dev = loadQueries('dev');
  const index = new FactCheckIndex(vc);
  let confident = 0, right = 0, correct = 0, falseConfident = 0;
  for (const q of dev) {
    const best = index.best(q.text);
    const ok = !!best && q.relevant.includes(best.record.id);
    if (best?.confident) confident++;
    if (ok) correct++;
    if (best?.confident && ok) right++;
  }
  for (const q of dev) if (withoutAnswers(index, vc, q, () => index.best(q.text)?.confident)) falseConfident++;
  return {
    queries: dev.length,
    confident,
    precision: confident ? right / confident : 1,
    correct,
    recall: correct ? right / correct : 0,
    falseConfidentWithoutAnswer: falseConfident / dev.length,
  };
}

// ---------------------------------------------------------------------------------------------
// Fitting (TRAIN only)

interface Listed {
  relevant: boolean[];
  x: number[][];
}

/** Conditional logit (softmax over each query's candidates), L2, full-batch Adam. */
function fitLogit(lists: readonly Listed[], dim: number, l2 = 0.001, iterations = 300): number[] {
  const w = new Array<number>(dim).fill(0), m = new Array<number>(dim).fill(0), v = new Array<number>(dim).fill(0);
  const data = lists.filter((l) => l.relevant.some(Boolean));
  for (let it = 1; it <= iterations; it++) {
    const g = new Array<number>(dim).fill(0);
    for (const l of data) {
      const s = l.x.map((x) => x.reduce((a, xi, j) => a + xi * (w[j] as number), 0));
      const max = Math.max(...s);
      const e = s.map((si) => Math.exp(si - max));
      const z = e.reduce((a, b) => a + b, 0);
      const rel = l.relevant.filter(Boolean).length;
      l.x.forEach((x, i) => {
        const c = (e[i] as number) / z - (l.relevant[i] ? 1 / rel : 0);
        for (let j = 0; j < dim; j++) g[j] = (g[j] as number) + c * (x[j] as number);
      });
    }
    for (let j = 0; j < dim; j++) {
      const gj = (g[j] as number) / data.length + l2 * (w[j] as number);
      m[j] = 0.9 * (m[j] as number) + 0.1 * gj;
      v[j] = 0.999 * (v[j] as number) + 0.001 * gj * gj;
      w[j] = (w[j] as number) - (0.05 * ((m[j] as number) / (1 - 0.9 ** it))) / (Math.sqrt((v[j] as number) / (1 - 0.999 ** it)) + 1e-8);
    }
  }
  return w;
}

/** Fits the stage-2 weights and the confidence model on TRAIN; returns the options to put in DEFAULTS. */
export function fitOnTrain(log: (s: string) => void = () => {}): Pick<RetrievalOptions, 'weights' | 'mean' | 'std' | 'confidence' | 'threshold'> {
  const vc = loadVerifiedClaims();
  const train = loadQueries('train');
  const index = new FactCheckIndex(vc);
  const lists = train.map((q) => {
    const c = index.candidates(q.text);
    return { relevant: c.map((x) => q.relevant.includes(x.id)), x: c.map((x) => x.features) };
  });
  const dim = FEATURES.length;
  const rows = lists.flatMap((l) => l.x);
  const mean = FEATURES.map((_, j) => rows.reduce((a, r) => a + (r[j] as number), 0) / rows.length);
  const std = FEATURES.map((_, j) => Math.sqrt(rows.reduce((a, r) => a + ((r[j] as number) - (mean[j] as number)) ** 2, 0) / rows.length) || 1);
  const z = lists.map((l) => ({ relevant: l.relevant, x: l.x.map((r) => r.map((v, j) => (v - (mean[j] as number)) / (std[j] as number))) }));
  const weights = fitLogit(z, dim);
  log(`stage 2 fitted on ${train.length} train tweets`);

  // Confidence: the winner's score and lead, on train tweets as they are (right or wrong top-1) and
  // with their relevant claims removed (no right answer exists).
  const fitted = new FactCheckIndex(vc, { weights, mean, std });
  const x: number[][] = [];
  const y: number[] = [];
  const sample = (q: ClefQuery, answerable: boolean) => {
    const top = fitted.search(q.text, 2);
    if (!top[0]) return;
    x.push([top[0].score, Math.min(5, top[1] ? top[0].score - top[1].score : 5)]);
    y.push(answerable && q.relevant.includes(top[0].id) ? 1 : 0);
  };
  for (const q of train) {
    sample(q, true);
    withoutAnswers(fitted, vc, q, () => sample(q, false));
  }
  const c = fitLogistic(x, y, { l2: 1e-3, penaliseBias: true, average: true, iterations: 25 });
  // The threshold: the lowest probability at which at least 95% of confident train answers are right
  // (answers to tweets as they are, and to the same tweets with no right answer in the index).
  const probs = x.map((xi) => 1 / (1 + Math.exp(-((c[0] as number) + (c[1] as number) * (xi[0] as number) + (c[2] as number) * (xi[1] as number)))));
  let threshold = 0.5;
  for (const t of [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]) {
    const sel = probs.map((p, i) => (p >= t ? (y[i] as number) : -1)).filter((v) => v >= 0);
    if (sel.length && sel.reduce((a, b) => a + b, 0) / sel.length >= 0.95) {
      threshold = t;
      break;
    }
  }
  log(`confidence fitted on ${y.length} train answers (${y.filter(Boolean).length} right)`);
  const round = (a: readonly number[], d = 4) => a.map((v) => Number(v.toFixed(d)));
  return { weights: round(weights), mean: round(mean, 5), std: round(std, 5), confidence: round(c) as unknown as [number, number, number], threshold };
}

// ---------------------------------------------------------------------------------------------
// CLI

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

export function formatRetrievalTable(rows: readonly RetrievalRow[]): string {
  const head = ['System', 'MAP@5', 'MRR', 'R@5', 'Build ms', 'p50 ms', 'p99 ms'];
  const body = rows.map((r) => [r.system, r.map5.toFixed(4), r.mrr.toFixed(4), r.recall5.toFixed(4), r.buildMs.toFixed(0), r.p50Ms.toFixed(2), r.p99Ms.toFixed(2)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => pad(c, widths[i] as number)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--fit')) {
    const fitted = fitOnTrain((s) => console.error(s));
    console.log(JSON.stringify(fitted));
  } else {
    console.error(`CLEF 2020 CheckThat! Task 2, dev split; ${DEFAULTS.candidates} candidates re-ranked`);
    console.log(formatRetrievalTable(runRetrievalBench()));
    const c = confidenceReport();
    console.log(
      `\nconfident: ${c.confident} of ${c.queries} dev tweets, top-1 right for ${(c.precision * 100).toFixed(1)}% of them; ` +
        `${(c.recall * 100).toFixed(1)}% of the ${c.correct} right answers are marked confident; ` +
        `with the right claims removed, ${(c.falseConfidentWithoutAnswer * 100).toFixed(1)}% are still marked confident`,
    );
  }
}
