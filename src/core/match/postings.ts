/**
 * The matcher's posting lists: for each term, the stories that use it (by index, ascending) with the
 * term's weight in each, and bounds on what the term can add to a story's score (its largest weight,
 * the shortest story using it).
 *
 * All lists live in one pair of typed arrays, each term's list in a run of its own with room to grow:
 * a library of 100,000 stories holds millions of postings, and as small arrays of their own they were
 * copied by the garbage collector at every growth and read through a check per element. A list that
 * outgrows its room moves to the end with twice the room; once the runs left behind make up a third
 * of the arrays, the lists are packed again. A library loaded at once is staged: its postings are held
 * back in order and laid out when it is all read, each list in a run of the size it needs, so that
 * nothing grows or moves while it loads.
 */
import { runSteps, type Steps } from '../text/steps';

export class Postings {
  /** Story indexes and weights: term t's at from[t] up to from[t] + count[t], with room for room[t]. */
  docs = new Int32Array(1 << 12);
  weights = new Float64Array(1 << 12);
  from = new Int32Array(1 << 10);
  count = new Int32Array(1 << 10);
  private room = new Int32Array(1 << 10);
  /** The largest weight the term has had in a story, and the shortest story that used it (stale after removals, so bounds still). */
  maxWeight = new Float64Array(1 << 10);
  minLength = new Float64Array(1 << 10);
  /** Terms so far; where the last run ends; slots in runs left behind. */
  terms = 0;
  private end = 0;
  private abandoned = 0;
  /**
   * Postings held back (see stage), in chunks; how many each term has among them. The chunks are
   * plain arrays, in the engine's heap: memory outside it (typed arrays) that grows by tens of
   * megabytes makes the engine collect its whole heap, and with a library's stories in it that takes
   * half a second each time.
   */
  private staged: { terms: number[][]; docs: number[][]; weights: number[][]; size: number } | null = null;
  private stagedCount = new Int32Array(1 << 10);

  /** Until flush(), postings are held back and the lists do not change (nor may they be read). */
  stage(): void {
    this.staged ??= { terms: [], docs: [], weights: [], size: 0 };
  }

  /** The postings held back since stage(), laid out at once: every list in a run with an eighth to spare. */
  flush(): void {
    runSteps(this.flushSteps());
  }

  /**
   * `flush` in steps (a step per chunk of held-back postings, and per run of terms): at 100,000
   * stories, laying out millions of postings is a good part of a second. No list may be read or
   * changed until the steps end.
   */
  *flushSteps(): Steps<void> {
    const staged = this.staged;
    if (!staged) return;
    this.staged = null;
    const terms = this.terms;
    const from = new Int32Array(this.from.length);
    const at = new Int32Array(terms);
    let end = 0;
    for (let t = 0; t < terms; t++) {
      const count = (this.count[t] as number) + (this.stagedCount[t] as number);
      from[t] = end;
      at[t] = end + (this.count[t] as number);
      this.room[t] = count + (count >> 3) + 1;
      end += this.room[t] as number;
      if ((t & TERMS_A_STEP) === TERMS_A_STEP) yield;
    }
    yield;
    const docs = new Int32Array(Math.max(end, 1 << 12));
    const weights = new Float64Array(docs.length);
    yield;
    for (let t = 0; t < terms; t++) {
      const old = this.from[t] as number;
      docs.set(this.docs.subarray(old, old + (this.count[t] as number)), from[t] as number);
      weights.set(this.weights.subarray(old, old + (this.count[t] as number)), from[t] as number);
      this.count[t] = (this.count[t] as number) + (this.stagedCount[t] as number);
      this.stagedCount[t] = 0;
      if ((t & TERMS_A_STEP) === TERMS_A_STEP) yield;
    }
    for (let c = 0; c * CHUNK < staged.size; c++) {
      if (c > 0) yield;
      const ts = staged.terms[c] as number[];
      const ds = staged.docs[c] as number[];
      const ws = staged.weights[c] as number[];
      for (let i = 0, n = Math.min(CHUNK, staged.size - c * CHUNK); i < n; i++) {
        const t = ts[i] as number;
        const p = at[t] as number;
        docs[p] = ds[i] as number;
        weights[p] = ws[i] as number;
        at[t] = p + 1;
      }
    }
    this.docs = docs;
    this.weights = weights;
    this.from = from;
    this.end = end;
    this.abandoned = 0;
  }

  /** A new term, with an empty list; its id. */
  addTerm(): number {
    const t = this.terms++;
    if (t >= this.from.length) {
      const n = this.from.length * 2;
      this.from = grown(this.from, n);
      this.count = grown(this.count, n);
      this.room = grown(this.room, n);
      this.maxWeight = grownFloat(this.maxWeight, n);
      this.minLength = grownFloat(this.minLength, n);
      this.stagedCount = grown(this.stagedCount, n);
    }
    this.from[t] = this.end;
    this.count[t] = 0;
    this.room[t] = 0;
    this.maxWeight[t] = 0;
    this.minLength[t] = Infinity;
    return t;
  }

  /** Adds a story to a term's list; the story comes after every story the list holds. */
  append(t: number, doc: number, weight: number, length: number): void {
    if (weight > (this.maxWeight[t] as number)) this.maxWeight[t] = weight;
    if (length < (this.minLength[t] as number)) this.minLength[t] = length;
    const staged = this.staged;
    if (staged) {
      const c = staged.size >> CHUNK_BITS;
      if (c === staged.terms.length) {
        staged.terms.push(new Array<number>(CHUNK).fill(0));
        staged.docs.push(new Array<number>(CHUNK).fill(0));
        staged.weights.push(new Array<number>(CHUNK).fill(0.5));
      }
      const i = staged.size & (CHUNK - 1);
      (staged.terms[c] as number[])[i] = t;
      (staged.docs[c] as number[])[i] = doc;
      (staged.weights[c] as number[])[i] = weight;
      staged.size++;
      this.stagedCount[t] = (this.stagedCount[t] as number) + 1;
      return;
    }
    if (this.count[t] === this.room[t]) this.makeRoom(t);
    const at = (this.from[t] as number) + (this.count[t] as number);
    this.docs[at] = doc;
    this.weights[at] = weight;
    this.count[t] = (this.count[t] as number) + 1;
  }

  /** Takes a story out of a term's list; false when it is not there. */
  remove(t: number, doc: number): boolean {
    this.flush();
    const at = this.find(t, doc);
    if (at < 0) return false;
    const end = (this.from[t] as number) + (this.count[t] as number);
    this.docs.copyWithin(at, at + 1, end);
    this.weights.copyWithin(at, at + 1, end);
    this.count[t] = (this.count[t] as number) - 1;
    return true;
  }

  /** Where the story is in the term's list (an index into docs and weights), or −1. */
  find(t: number, doc: number): number {
    const docs = this.docs;
    let lo = this.from[t] as number;
    let hi = lo + (this.count[t] as number) - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = docs[mid] as number;
      if (x === doc) return mid;
      if (x < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Room for one more posting in the term's list: in place when its run is the last, else a new run at the end. */
  private makeRoom(t: number): void {
    if ((this.from[t] as number) + (this.room[t] as number) !== this.end && this.abandoned + (this.room[t] as number) > this.end / 3) {
      this.pack();
      if ((this.count[t] as number) < (this.room[t] as number)) return;
    }
    const from = this.from[t] as number;
    const room = this.room[t] as number;
    const more = Math.max(2, room);
    this.reserve(from + room === this.end ? more : room + more);
    if (from + room === this.end) {
      this.end += more;
      this.room[t] = room + more;
      return;
    }
    const count = this.count[t] as number;
    this.docs.copyWithin(this.end, from, from + count);
    this.weights.copyWithin(this.end, from, from + count);
    this.abandoned += room;
    this.from[t] = this.end;
    this.room[t] = room + more;
    this.end += room + more;
  }

  /** Arrays long enough for `more` slots past the end. */
  private reserve(more: number): void {
    const need = this.end + more;
    if (need <= this.docs.length) return;
    const n = Math.max(need, Math.ceil(this.docs.length * 1.5));
    this.docs = grown(this.docs, n);
    this.weights = grownFloat(this.weights, n);
  }

  /** Every list moved to the front, in term order, each with room for a quarter more than it holds. */
  private pack(): void {
    const docs = new Int32Array(this.docs.length);
    const weights = new Float64Array(this.docs.length);
    let end = 0;
    for (let t = 0; t < this.terms; t++) {
      const from = this.from[t] as number;
      const count = this.count[t] as number;
      docs.set(this.docs.subarray(from, from + count), end);
      weights.set(this.weights.subarray(from, from + count), end);
      const room = Math.min(this.room[t] as number, count + (count >> 2) + 2);
      this.from[t] = end;
      this.room[t] = room;
      end += room;
    }
    this.docs = docs;
    this.weights = weights;
    this.end = end;
    this.abandoned = 0;
  }
}

const CHUNK_BITS = 16;
/** A mask: the term loops of flushSteps yield every 8,192 terms. */
const TERMS_A_STEP = (1 << 13) - 1;
const CHUNK = 1 << CHUNK_BITS;

function grown(a: Int32Array, n: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(n);
  b.set(a.subarray(0, Math.min(a.length, n)));
  return b;
}

function grownFloat(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(n);
  b.set(a.subarray(0, Math.min(a.length, n)));
  return b;
}
