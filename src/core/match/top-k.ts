/**
 * The k stories with the highest BM25 score for a query, without scoring every story that shares a
 * word with it. A library's common words ("us", "stocks", "report") are in tens of thousands of
 * stories, and most of those stories cannot reach the scores of the k best.
 *
 * The stories are met as scoring them all would meet them: the query's terms in turn, each bringing
 * the stories of its list that no earlier term had, in the order they were added. Each term knows the
 * most it can add to a score (its largest weight, in the shortest story that uses it), so a story that
 * could not beat the k-th best score so far, whatever its later terms give, is passed over, and once
 * the remaining terms together could not, the search ends. A story that is scored gets the same sum,
 * in the same order, as scoring them all would give it, and the stories kept go through the same heap
 * in the same order: the k returned, and their order among equal scores, are exactly those of scoring
 * every story (a story passed over could not have entered the heap).
 */
import type { Postings } from './postings';

export interface QueryTerm {
  /** The term's id in the postings. */
  id: number;
  /** The query's weight for the term times its IDF. */
  weight: number;
}

export interface Scored {
  doc: number;
  score: number;
}

/** Bounds are made this much larger, so that rounding in a sum can never let a bound fall below a score. */
const SLACK = 1 + 1e-9;

export class TopK {
  /** Scratch per query term, kept across queries (a query has tens of terms). */
  private from = new Int32Array(16);
  private end = new Int32Array(16);
  private at = new Int32Array(16);
  private weight = new Float64Array(16);
  /** The most each term can add to a score, and the terms from each on (in the query's order) together. */
  private bound = new Float64Array(16);
  private after = new Float64Array(17);
  /** The terms after the one whose stories are met, weakest first, and what the weakest up to each add together. */
  private later = new Int32Array(16);
  private upTo = new Float64Array(16);
  private heapDocs = new Int32Array(64);
  private heapScores = new Float64Array(64);

  /**
   * The k best stories by BM25 (k1, b; lengths by story index, their mean `avg`), best first (equal
   * scores by index). Terms are in the query's order; each at most once.
   */
  top(postings: Postings, terms: readonly QueryTerm[], lengths: Float64Array, avg: number, k1: number, b: number, k: number): Scored[] {
    const m = terms.length;
    if (m === 0 || k <= 0) return [];
    this.reserve(m, k);
    const { from, end, at, weight: w, bound, after, later, upTo, heapDocs, heapScores } = this;
    const { docs, weights, count, maxWeight, minLength } = postings;
    // The same expression, operation for operation, as a posting's part of the score below: a bound must bound it.
    const norm = (len: number) => k1 * (1 - b + (b * len) / avg);
    for (let i = 0; i < m; i++) {
      const { id, weight } = terms[i] as QueryTerm;
      w[i] = weight;
      from[i] = postings.from[id] as number;
      end[i] = (from[i] as number) + (count[id] as number);
      const tf = maxWeight[id] as number;
      bound[i] = after[i] = ((weight * (tf * (k1 + 1))) / (tf + norm(minLength[id] as number))) * SLACK;
    }
    after[m] = 0;
    for (let i = m - 1; i >= 0; i--) after[i] = (after[i] as number) + (after[i + 1] as number);

    let size = 0;
    /** The k-th best score so far (−∞ until there are k): a story must beat it to enter the heap. */
    let floor = -Infinity;
    for (let j = 0; j < m && (after[j] as number) > floor; j++) {
      // The stories of term j's list that no earlier term has; their score is term j's part and later ones'.
      for (let i = 0; i < m; i++) at[i] = from[i] as number;
      const wj = w[j] as number;
      const bj = bound[j] as number;
      const rest = after[j + 1] as number;
      // Once term j alone cannot beat the floor, a story must also have one of the strong later terms
      // (those the weakest cannot make up for): the search leaps to the next story of theirs.
      const n = sortLater(later, bound, j + 1, m);
      for (let i = 0, sum = 0; i < n; i++) upTo[i] = sum += bound[later[i] as number] as number;
      let weak = 0;
      const strongFrom = () => {
        while (weak < n && bj + (upTo[weak] as number) <= floor) weak++;
      };
      strongFrom();
      const e = end[j] as number;
      stories: for (let p = from[j] as number; p < e; p++) {
        let d = docs[p] as number;
        if (bj <= floor) {
          let next = 0x7fffffff;
          for (let s = weak; s < n; s++) {
            const i = later[s] as number;
            const q = seek(docs, at[i] as number, end[i] as number, d);
            at[i] = q;
            if (q < (end[i] as number) && (docs[q] as number) < next) next = docs[q] as number;
          }
          if (next === 0x7fffffff) break;
          if (next > d) {
            p = seek(docs, p, e, next);
            if (p >= e) break;
            d = docs[p] as number;
            if (d !== next) {
              p--;
              continue;
            }
          }
        }
        const len = lengths[d] as number;
        const tf = weights[p] as number;
        let score = (wj * (tf * (k1 + 1))) / (tf + norm(len));
        if ((score + rest) * SLACK <= floor) continue;
        for (let i = j + 1; i < m; i++) {
          if ((score + (after[i] as number)) * SLACK <= floor) continue stories;
          const q = seek(docs, at[i] as number, end[i] as number, d);
          at[i] = q;
          if (q < (end[i] as number) && docs[q] === d) {
            const tfi = weights[q] as number;
            score += ((w[i] as number) * (tfi * (k1 + 1))) / (tfi + norm(len));
          }
        }
        if (size === k && score <= (heapScores[0] as number)) continue;
        for (let i = 0; i < j; i++) {
          const q = seek(docs, at[i] as number, end[i] as number, d);
          at[i] = q;
          if (q < (end[i] as number) && docs[q] === d) continue stories;
        }
        // The heap of the exhaustive scoring: its worst score at the root, a story entering only above it.
        if (size < k) {
          heapDocs[size] = d;
          heapScores[size] = score;
          siftUp(heapDocs, heapScores, size++);
          if (size === k) floor = heapScores[0] as number;
        } else {
          heapDocs[0] = d;
          heapScores[0] = score;
          siftDown(heapDocs, heapScores, size);
          floor = heapScores[0] as number;
        }
        strongFrom();
      }
    }
    const out: Scored[] = [];
    for (let i = 0; i < size; i++) out.push({ doc: heapDocs[i] as number, score: heapScores[i] as number });
    return out.sort((x, y) => y.score - x.score || x.doc - y.doc);
  }

  private reserve(m: number, k: number): void {
    if (m > this.from.length) {
      const n = Math.max(m, 2 * this.from.length);
      this.from = new Int32Array(n);
      this.end = new Int32Array(n);
      this.at = new Int32Array(n);
      this.weight = new Float64Array(n);
      this.bound = new Float64Array(n);
      this.after = new Float64Array(n + 1);
      this.later = new Int32Array(n);
      this.upTo = new Float64Array(n);
    }
    if (k > this.heapDocs.length) {
      this.heapDocs = new Int32Array(k);
      this.heapScores = new Float64Array(k);
    }
  }
}

/** The first position from `at` (before `end`) whose story is `d` or later: galloping, then halving. */
function seek(docs: Int32Array, at: number, end: number, d: number): number {
  if (at >= end || (docs[at] as number) >= d) return at;
  let lo = at;
  let step = 1;
  let hi = at + 1;
  while (hi < end && (docs[hi] as number) < d) {
    lo = hi;
    step *= 2;
    hi = at + step;
  }
  if (hi > end) hi = end;
  // docs[lo] < d, and the answer is in (lo, hi].
  while (lo + 1 < hi) {
    const mid = (lo + hi) >> 1;
    if ((docs[mid] as number) < d) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The terms from `first` to `m` into `order`, by bound, weakest first (insertion sort: a query has tens of terms); how many. */
function sortLater(order: Int32Array, bound: Float64Array, first: number, m: number): number {
  const n = m - first;
  for (let s = 0; s < n; s++) {
    const i = first + s;
    const v = bound[i] as number;
    let t = s - 1;
    while (t >= 0 && (bound[order[t] as number] as number) > v) {
      order[t + 1] = order[t] as number;
      t--;
    }
    order[t + 1] = i;
  }
  return n;
}

function swap(docs: Int32Array, scores: Float64Array, a: number, b: number): void {
  const d = docs[a] as number;
  docs[a] = docs[b] as number;
  docs[b] = d;
  const s = scores[a] as number;
  scores[a] = scores[b] as number;
  scores[b] = s;
}

/** A min-heap by score, sifted as the exhaustive scoring sifted it (which entry of equal scores moves decides which stays). */
function siftUp(docs: Int32Array, scores: Float64Array, i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if ((scores[parent] as number) <= (scores[i] as number)) return;
    swap(docs, scores, i, parent);
    i = parent;
  }
}

function siftDown(docs: Int32Array, scores: Float64Array, size: number): void {
  for (let i = 0; ; ) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < size && (scores[l] as number) < (scores[m] as number)) m = l;
    if (r < size && (scores[r] as number) < (scores[m] as number)) m = r;
    if (m === i) return;
    swap(docs, scores, i, m);
    i = m;
  }
}
