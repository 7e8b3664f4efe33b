import { describe, expect, it } from 'vitest';
import { Postings } from '../../src/core/match/postings';
import { TopK, type QueryTerm } from '../../src/core/match/top-k';
import { seededRandom } from '../support/random';

/** The same postings as plain lists: term → [doc, weight][], in the order stories were added. */
type Plain = [number, number][][];

/** A random library of `docs` stories over `terms` terms (a few common, most rare), with a share removed; staged or story by story. */
function library(seed: number, terms: number, docs: number, staged: boolean) {
  const r = seededRandom(seed);
  const postings = new Postings();
  const plain: Plain = [];
  for (let t = 0; t < terms; t++) {
    expect(postings.addTerm()).toBe(t);
    plain.push([]);
  }
  const lengths = new Float64Array(docs);
  if (staged) postings.stage();
  for (let d = 0; d < docs; d++) {
    lengths[d] = 1 + Math.floor(r() * 40);
    const used = new Set<number>();
    for (let n = 1 + Math.floor(r() * 8); used.size < n; ) used.add(r() < 0.5 ? Math.floor(r() * 4) : Math.floor(r() * terms));
    for (const t of used) {
      // Weights as the matcher's fields sum them, so that equal scores happen.
      const w = [2, 1, 0.4, 0.25, 1.4][Math.floor(r() * 5)] as number;
      postings.append(t, d, w, lengths[d] as number);
      (plain[t] as [number, number][]).push([d, w]);
    }
  }
  postings.flush();
  for (let d = 0; d < docs; d++) {
    if (r() >= 0.2) continue;
    for (let t = 0; t < terms; t++) {
      const list = plain[t] as [number, number][];
      const i = list.findIndex(([x]) => x === d);
      expect(postings.remove(t, d)).toBe(i >= 0);
      if (i >= 0) list.splice(i, 1);
    }
  }
  return { postings, plain, lengths };
}

/** Every story scored, term after term, and kept by a min-heap in the order the stories were met: the matcher's search as it was. */
function exhaustive(plain: Plain, terms: readonly QueryTerm[], lengths: Float64Array, avg: number, k1: number, b: number, k: number) {
  const scores = new Map<number, number>();
  for (const { id, weight } of terms)
    for (const [d, tf] of plain[id] as [number, number][]) scores.set(d, (scores.get(d) ?? 0) + (weight * (tf * (k1 + 1))) / (tf + k1 * (1 - b + (b * (lengths[d] as number)) / avg)));
  const docs: number[] = [];
  const vals: number[] = [];
  const swap = (i: number, j: number) => {
    [docs[i], docs[j]] = [docs[j] as number, docs[i] as number];
    [vals[i], vals[j]] = [vals[j] as number, vals[i] as number];
  };
  for (const [d, s] of scores) {
    if (docs.length < k) {
      docs.push(d);
      vals.push(s);
      for (let i = docs.length - 1; i > 0; ) {
        const parent = (i - 1) >> 1;
        if ((vals[parent] as number) <= (vals[i] as number)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (s > (vals[0] as number)) {
      docs[0] = d;
      vals[0] = s;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        let m = i;
        if (l < k && (vals[l] as number) < (vals[m] as number)) m = l;
        if (l + 1 < k && (vals[l + 1] as number) < (vals[m] as number)) m = l + 1;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
  }
  return docs.map((doc, i) => ({ doc, score: vals[i] as number })).sort((x, y) => y.score - x.score || x.doc - y.doc);
}

describe('the top k of BM25 over the postings', () => {
  for (const staged of [false, true]) {
    it(`is what scoring every story gives, ties and all (${staged ? 'staged' : 'story by story'})`, () => {
      const { postings, plain, lengths } = library(staged ? 11 : 12, 60, 3000, staged);
      const avg = lengths.reduce((a, x) => a + x, 0) / lengths.length;
      const r = seededRandom(5);
      const top = new TopK();
      for (let q = 0; q < 200; q++) {
        const ids = new Set<number>();
        for (let n = 1 + Math.floor(r() * 10); ids.size < n; ) ids.add(Math.floor(r() * 60));
        const terms = [...ids].map((id) => ({ id, weight: [1, 0.35, 0.15][Math.floor(r() * 3)] as number * (0.5 + r() * 5) }));
        const k = [1, 5, 50][q % 3] as number;
        expect(top.top(postings, terms, lengths, avg, 1.5, 0.5, k)).toEqual(exhaustive(plain, terms, lengths, avg, 1.5, 0.5, k));
      }
    });
  }

  it('keeps every list in story order through growth, moves and removals', () => {
    const { postings, plain } = library(3, 40, 2000, false);
    for (let t = 0; t < 40; t++) {
      const list = plain[t] as [number, number][];
      const from = postings.from[t] as number;
      expect(postings.count[t]).toBe(list.length);
      expect([...postings.docs.subarray(from, from + list.length)]).toEqual(list.map(([d]) => d));
      expect([...postings.weights.subarray(from, from + list.length)]).toEqual(list.map(([, w]) => w));
      for (const [d] of list) expect(postings.find(t, d)).toBeGreaterThanOrEqual(from);
    }
  });
});
