/**
 * Claim retrieval: given a text a reader brings (a tweet, a sentence they selected), rank the
 * fact-checks that address it. Entirely lexical and local: no model downloads, no network.
 *
 * Stage 1 is BM25F over the fact-check's claim and title, with the query prepared the way social text
 * needs: links and picture links dropped, HTML entities decoded, #hashtags and @handles split into
 * words (by camel case, or by the index's own vocabulary when a tag is one lower-case run), a few
 * synonyms fact-checks and posts use for the same thing folded together ("pic"/"photograph",
 * "migrant"/"immigrant"), and the "— Name (@handle) Month D, YYYY" signatures that embedded tweets end
 * with kept apart, as who posted it (and when) rather than what was said.
 *
 * Stage 2 re-ranks the best candidates with a linear model over features a reader would weigh:
 * character 4-gram similarity (robust to spelling and to tags split wrongly), how much of the claim
 * and of its title the text covers, how much of the text the claim explains, shared word pairs and
 * runs, numbers and years that agree or not, names in the claim the text never mentions. The weights
 * were fitted on the CLEF 2020 CheckThat! Task 2 training tweets only (see bench/claims-retrieval.ts).
 *
 * `best()` adds a calibrated `confident` flag from the winner's score and its lead over the runner-up:
 * a text unrelated to every fact-check is not confident.
 *
 * Records can be added and removed one at a time; the statistics stay exact without a rebuild.
 */
import { fold } from '../text/tokens';
import type { FactCheckHit, FactCheckSource } from './verdict';
import type { FactCheck } from './factchecks';
import { claimTerms, prepareQuery } from './query';
import { cosine, entitiesOf, gramsOf, isNumber, longestRun, pairsOf, sigmoid, SURFACE, TWEET_WORDS, YEAR } from './retrieval-features';

export { claimTerms, decodeEntities, prepareQuery, splitCamel, type PreparedQuery } from './query';

/** What the index needs of a fact-check. */
export interface ClaimDoc {
  id: string;
  claim: string;
  title?: string | undefined;
  claimant?: string | undefined;
}

/** The stage-2 features, in the order of `weights`, `mean` and `std`. */
export const FEATURES = [
  /** Stage-1 BM25F score, and as a share of the best candidate's. */
  'bm25',
  'bm25rel',
  /** BM25 of the query against the title alone. */
  'bm25Title',
  /** IDF-weighted share of the claim+title terms, claim terms, title terms found in the text. */
  'docCover',
  'claimCover',
  'titleCover',
  /** IDF-weighted share of the text's terms found in the fact-check. */
  'queryCover',
  /** Cosine of tf-idf term vectors. */
  'cosine',
  /** Cosine of tf-idf character 4-gram vectors: claim+title, claim, title. */
  'gramCosine',
  'claimGrams',
  'titleGrams',
  /** Word pairs (adjacent or one apart) the text and the fact-check share. */
  'pairs',
  /** IDF of signature names found in the fact-check ("a senator tweeted …"). */
  'author',
  /** The text is a signed tweet and the fact-check is about a tweet. */
  'tweet',
  /** Numbers of the fact-check found in the text, and not found. */
  'numHit',
  'numMiss',
  /** The rarest term the two share. */
  'maxIdf',
  /** log(1 + distinct terms of the fact-check), and how many of them the text lacks. */
  'docLen',
  'unmatched',
  /** Names (capitalised words) in the claim that the text never mentions. */
  'entityMiss',
  /** A year in the fact-check equals the year of the tweet's signature; or lies outside it. */
  'yearHit',
  'yearMiss',
  /** Longest run of text terms found in the same order in the claim or title. */
  'run',
] as const;
export type FeatureName = (typeof FEATURES)[number];

export interface RetrievalOptions {
  k1: number;
  b: number;
  /** Weight of a title token relative to a claim token in BM25F. */
  titleWeight: number;
  /** Weight of a claimant token (a weak field: CLEF has none). */
  claimantWeight: number;
  /** Weight of a signature (author) token relative to a body token. */
  authorWeight: number;
  /** Stage-1 candidates that stage 2 re-ranks. */
  candidates: number;
  /** Stage-2 weights over standardised features (FEATURES order), with the training means and deviations. */
  weights: readonly number[];
  mean: readonly number[];
  std: readonly number[];
  /**
   * Confidence: logistic over (score, lead over the runner-up), `[bias, score, lead]`; `best()` is
   * confident when the probability reaches `threshold`.
   */
  confidence: readonly [number, number, number];
  threshold: number;
}

/** Fitted on CLEF 2020 CheckThat! Task 2 train (bench/claims-retrieval.ts --fit). */
export const DEFAULTS: RetrievalOptions = {
  k1: 0.9,
  b: 0.4,
  titleWeight: 1,
  claimantWeight: 0.5,
  authorWeight: 1,
  candidates: 60,
  weights: [0.0309, 0.5605, 0.3233, -0.0878, 0.2901, 0.093, 0.5129, -0.2468, 0.5077, 0.3882, 0.5021, 0.1241, -0.1654, 0.0823, 0.1212, -0.2346, 0.3783, 0.7284, -0.4416, -0.1859, 0.3441, -0.0448, 0.0835],
  mean: [13.46729, 0.38388, 8.06808, 0.14541, 0.1506, 0.18797, 0.11803, 0.10456, 0.10833, 0.09986, 0.0949, 0.36837, 0.8865, 0.02751, 0.05289, 0.36868, 5.65357, 2.64097, 11.56711, 2.9238, 0.03401, 0.1129, 1.20533],
  std: [6.87435, 0.18435, 6.04676, 0.07755, 0.08789, 0.14253, 0.07923, 0.05876, 0.07304, 0.0699, 0.08413, 0.97409, 2.33591, 0.16356, 0.25483, 0.71036, 1.08667, 0.29462, 4.29845, 2.0784, 0.18126, 0.31647, 0.62717],
  confidence: [-4.8026, 0.5049, 0.2004],
  threshold: 0.8,
};

export interface Hit {
  id: string;
  score: number;
}

export interface Best<R extends ClaimDoc> {
  record: R;
  /** Stage-2 score (comparable across texts only roughly). */
  score: number;
  /** Calibrated probability that the record is the claim the text makes. */
  confidence: number;
  confident: boolean;
}

interface Doc<R> {
  record: R;
  claim: string[];
  title: string[];
  claimant: string[];
  /** BM25F length. */
  len: number;
  /** What stage 2 reads, computed the first time the record is a candidate. */
  extra?: DocExtra;
}

interface DocExtra {
  /** Distinct claim and title terms. */
  terms: string[];
  claimTerms: Set<string>;
  titleTerms: Set<string>;
  pairs: Set<string>;
  grams: Map<string, number>;
  claimGrams: Map<string, number>;
  titleGrams: Map<string, number>;
  entities: Set<string>;
  years: Set<number>;
  tweet: boolean;
  /** Unit tf-idf vectors (terms; grams of claim+title, claim, title), valid while the index is unchanged. */
  vectors?: { version: number; terms: Map<string, number>; grams: Map<string, number>; claimGrams: Map<string, number>; titleGrams: Map<string, number> };
}

// ---------------------------------------------------------------------------------------------
// The index

export class FactCheckIndex<R extends ClaimDoc = ClaimDoc> {
  readonly options: RetrievalOptions;
  private readonly docs: (Doc<R> | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  /** term → slot → weighted term frequency (claim 1, title titleWeight, claimant claimantWeight). */
  private readonly postings = new Map<string, Map<number, number>>();
  /** term → records with it in the claim or title. */
  private readonly df = new Map<string, number>();
  /** character 4-gram → records with it. */
  private readonly gramDf = new Map<string, number>();
  /** folded word → occurrences (to split hashtags). */
  private readonly wordFreq = new Map<string, number>();
  private wordTotal = 0;
  private lenSum = 0;
  private count = 0;
  /** Bumped by every add and remove: cached idf-weighted vectors are valid for one version. */
  private version = 0;
  /** The last query's ranking: `rank` then `confident` on the same text is one search. */
  private memo: { text: string; ranked: { slot: number; score: number }[] } | null = null;

  constructor(records: Iterable<R> = [], options: Partial<RetrievalOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    for (const r of records) this.add(r);
  }

  get size(): number {
    return this.count;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  get(id: string): R | undefined {
    const slot = this.slots.get(id);
    return slot === undefined ? undefined : this.docs[slot]?.record;
  }

  /** Adds a record, replacing one with the same id. */
  add(record: R): void {
    this.remove(record.id);
    const o = this.options;
    const claim = claimTerms(record.claim);
    const title = record.title ? claimTerms(record.title) : [];
    const claimant = record.claimant ? claimTerms(record.claimant) : [];
    const slot = this.docs.length;
    const tf = new Map<string, number>();
    for (const t of claim) tf.set(t, (tf.get(t) ?? 0) + 1);
    for (const t of title) tf.set(t, (tf.get(t) ?? 0) + o.titleWeight);
    for (const t of claimant) tf.set(t, (tf.get(t) ?? 0) + o.claimantWeight);
    for (const [t, w] of tf) {
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = new Map()));
      p.set(slot, w);
    }
    this.counts(record, claim, title, +1);
    const len = claim.length + o.titleWeight * title.length + o.claimantWeight * claimant.length;
    this.lenSum += len;
    this.count++;
    this.docs.push({ record, claim, title, claimant, len });
    this.slots.set(record.id, slot);
  }

  /** Removes a record; returns whether it was there. */
  remove(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    this.memo = null;
    const doc = this.docs[slot] as Doc<R>;
    for (const t of new Set([...doc.claim, ...doc.title, ...doc.claimant])) {
      const p = this.postings.get(t);
      if (!p) continue;
      p.delete(slot);
      if (p.size === 0) this.postings.delete(t);
    }
    this.counts(doc.record, doc.claim, doc.title, -1);
    this.lenSum -= doc.len;
    this.count--;
    this.docs[slot] = undefined;
    this.slots.delete(id);
    return true;
  }

  /** Document frequencies of terms and grams, and word counts, up (+1) or down (−1). */
  private counts(record: R, claim: readonly string[], title: readonly string[], delta: 1 | -1): void {
    this.memo = null;
    this.version++;
    const bump = (m: Map<string, number>, k: string, by: number) => {
      const n = (m.get(k) ?? 0) + by;
      if (n > 0) m.set(k, n);
      else m.delete(k);
    };
    for (const t of new Set([...claim, ...title])) bump(this.df, t, delta);
    const text = fold(`${record.claim} ${record.title ?? ''}`);
    const grams = new Set<string>();
    for (const m of text.matchAll(SURFACE)) {
      const w = m[0];
      bump(this.wordFreq, w, delta);
      this.wordTotal += delta;
      const padded = ` ${w} `;
      for (let i = 0; i + 4 <= padded.length; i++) grams.add(padded.slice(i, i + 4));
    }
    for (const g of grams) bump(this.gramDf, g, delta);
  }

  /** The k best records for a text, best first, with their stage-2 scores. */
  search(text: string, k: number): Hit[] {
    return this.rank(text)
      .slice(0, Math.max(0, k))
      .map(({ slot, score }) => ({ id: (this.docs[slot] as Doc<R>).record.id, score }));
  }

  /** The best record, and whether it is likely the claim the text makes. */
  best(text: string): Best<R> | null {
    const ranked = this.rank(text);
    const top = ranked[0];
    if (!top) return null;
    const lead = ranked[1] ? top.score - ranked[1].score : 5;
    const [bias, wScore, wLead] = this.options.confidence;
    const confidence = sigmoid(bias + wScore * top.score + wLead * Math.min(lead, 5));
    return { record: (this.docs[top.slot] as Doc<R>).record, score: top.score, confidence, confident: confidence >= this.options.threshold };
  }

  /** Stage-1 candidates with their raw stage-2 features (FEATURES order), for fitting. */
  candidates(text: string, n = this.options.candidates): { id: string; features: number[] }[] {
    return this.stage1(text, n).map((c) => ({ id: (this.docs[c.slot] as Doc<R>).record.id, features: c.features }));
  }

  /** Inverse document frequency of a term (as BM25 uses it). */
  idf(t: string): number {
    const n = this.df.get(t) ?? 0;
    return Math.log(1 + (this.count - n + 0.5) / (n + 0.5));
  }

  /** Splits a run like "capetownstorm" into words the index knows, or returns [] when it cannot. */
  segment(run: string): string[] {
    const s = fold(run).replace(/[^\p{L}\p{N}]/gu, '');
    if (s.length < 6 || s.length > 60 || this.wordTotal <= 0) return [];
    const logTotal = Math.log(this.wordTotal);
    const cost = new Float64Array(s.length + 1).fill(Number.POSITIVE_INFINITY);
    const from = new Int32Array(s.length + 1);
    cost[0] = 0;
    for (let i = 1; i <= s.length; i++) {
      for (let j = Math.max(0, i - 20); j < i; j++) {
        const w = s.slice(j, i);
        const f = w.length > 1 || /\d/.test(w) ? this.wordFreq.get(w) : undefined;
        // an unknown piece costs as if ten times rarer than a word seen once, per letter
        const c = f !== undefined ? logTotal - Math.log(f) : logTotal + 2.3 * w.length;
        if ((cost[j] as number) + c < (cost[i] as number)) {
          cost[i] = (cost[j] as number) + c;
          from[i] = j;
        }
      }
    }
    const parts: string[] = [];
    for (let i = s.length; i > 0; i = from[i] as number) parts.unshift(s.slice(from[i], i));
    return parts.length > 1 ? parts : [];
  }

  private rank(text: string): { slot: number; score: number }[] {
    if (this.memo?.text === text) return this.memo.ranked;
    const { weights, mean, std } = this.options;
    const ranked = this.stage1(text, this.options.candidates).map((c) => {
      let s = 0;
      for (let j = 0; j < c.features.length; j++) s += ((weights[j] ?? 0) * ((c.features[j] as number) - (mean[j] ?? 0))) / (std[j] || 1);
      return { slot: c.slot, score: s };
    });
    ranked.sort((a, b) => b.score - a.score || a.slot - b.slot);
    this.memo = { text, ranked };
    return ranked;
  }

  private extra(d: Doc<R>): DocExtra {
    if (d.extra) return d.extra;
    const text = `${d.record.claim} ${d.record.title ?? ''}`;
    const claimGrams = gramsOf(d.record.claim);
    const titleGrams = gramsOf(d.record.title ?? '');
    const grams = new Map(claimGrams);
    for (const [g, c] of titleGrams) grams.set(g, (grams.get(g) ?? 0) + c);
    d.extra = {
      terms: [...new Set([...d.claim, ...d.title])],
      claimTerms: new Set(d.claim),
      titleTerms: new Set(d.title),
      pairs: pairsOf(d.title, pairsOf(d.claim)),
      grams,
      claimGrams,
      titleGrams,
      entities: entitiesOf(d.record.claim),
      years: new Set([...text.matchAll(YEAR)].map((m) => Number(m[1]))),
      tweet: TWEET_WORDS.test(text),
    };
    return d.extra;
  }

  private vectors(d: Doc<R>, x: DocExtra): NonNullable<DocExtra['vectors']> {
    if (x.vectors?.version === this.version) return x.vectors;
    x.vectors = {
      version: this.version,
      terms: this.termVector([...d.claim, ...d.title]),
      grams: this.gramVector(x.grams, false),
      claimGrams: this.gramVector(x.claimGrams, false),
      titleGrams: this.gramVector(x.titleGrams, false),
    };
    return x.vectors;
  }

  private stage1(text: string, n: number): { slot: number; features: number[] }[] {
    if (this.count === 0) return [];
    const o = this.options;
    const q = prepareQuery(text);
    const extra = q.runs.flatMap((r) => this.segment(r));
    const body = claimTerms(extra.length ? `${q.body} ${extra.join(' ')}` : q.body);
    const bodySet = new Set(body);
    const authorExtra = q.authorRuns.flatMap((r) => this.segment(r));
    const authors = [...new Set(claimTerms(authorExtra.length ? `${q.authors} ${authorExtra.join(' ')}` : q.authors))].filter((t) => !bodySet.has(t));
    const qtf = new Map<string, number>();
    for (const t of body) qtf.set(t, (qtf.get(t) ?? 0) + 1);
    for (const t of authors) qtf.set(t, o.authorWeight);

    // Stage 1: BM25F.
    const avg = this.lenSum / this.count;
    const acc = new Float64Array(this.docs.length);
    const touched: number[] = [];
    for (const [t, w] of qtf) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = this.idf(t) * w;
      for (const [slot, tf] of p) {
        if (acc[slot] === 0) touched.push(slot);
        acc[slot]! += (idf * tf * (o.k1 + 1)) / (tf + o.k1 * (1 - o.b + (o.b * (this.docs[slot] as Doc<R>).len) / avg));
      }
    }
    const top = topN(acc, touched, n);
    if (top.length === 0) return [];

    // Stage 2 features.
    const topScore = top[0]![1];
    const queryTerms = new Set([...body, ...authors]);
    const authorOnly = new Set(authors);
    let queryIdf = 0;
    for (const t of bodySet) if (this.df.has(t)) queryIdf += this.idf(t);
    const queryPairs = pairsOf(body);
    const queryNumbers = new Set(body.filter(isNumber));
    const queryVec = this.termVector([...body, ...authors]);
    const queryGrams = this.gramVector(gramsOf(`${q.body} ${extra.join(' ')} ${q.authors}`), true);
    const idf = new Map<string, number>();
    const idfOf = (t: string) => {
      let w = idf.get(t);
      if (w === undefined) idf.set(t, (w = this.idf(t)));
      return w;
    };

    return top.map(([slot, score]) => {
      const d = this.docs[slot] as Doc<R>;
      const x = this.extra(d);
      const vec = this.vectors(d, x);
      let docIdf = 0, docHit = 0, claimIdf = 0, claimHit = 0, titleIdf = 0, titleHit = 0, queryHit = 0, maxIdf = 0, unmatched = 0, author = 0;
      let numHit = 0, numMiss = 0;
      for (const t of x.terms) {
        const w = idfOf(t);
        docIdf += w;
        if (queryTerms.has(t)) {
          docHit += w;
          if (w > maxIdf) maxIdf = w;
          if (bodySet.has(t)) queryHit += w;
          if (authorOnly.has(t)) author += w;
        } else unmatched++;
        if (isNumber(t)) {
          if (queryNumbers.has(t)) numHit++;
          else numMiss++;
        }
      }
      for (const t of x.claimTerms) {
        const w = idfOf(t);
        claimIdf += w;
        if (queryTerms.has(t)) claimHit += w;
      }
      for (const t of x.titleTerms) {
        const w = idfOf(t);
        titleIdf += w;
        if (queryTerms.has(t)) titleHit += w;
      }
      let pairs = 0;
      for (const p of x.pairs) if (queryPairs.has(p)) pairs++;
      let entityMiss = 0;
      for (const t of x.entities) if (!queryTerms.has(t)) entityMiss++;
      let yearHit = 0, yearMiss = 0;
      if (q.year !== undefined) {
        for (const y of x.years) {
          if (y === q.year) yearHit = 1;
          else if (y < q.year - 1 || y > q.year) yearMiss = 1;
        }
      }
      const features: number[] = [
        score,
        score / topScore,
        this.fieldBm25(qtf, d.title, 9),
        docHit / (docIdf || 1),
        claimHit / (claimIdf || 1),
        titleHit / (titleIdf || 1),
        queryHit / (queryIdf || 1),
        cosine(queryVec, vec.terms),
        cosine(queryGrams, vec.grams),
        cosine(queryGrams, vec.claimGrams),
        cosine(queryGrams, vec.titleGrams),
        pairs,
        author,
        authors.length > 0 && x.tweet ? 1 : 0,
        numHit,
        numMiss,
        maxIdf,
        Math.log1p(x.terms.length),
        unmatched,
        entityMiss,
        yearHit,
        yearMiss,
        Math.max(longestRun(body, d.claim), longestRun(body, d.title)),
      ];
      return { slot, features };
    });
  }

  /** BM25 of the query against one field, with a typical field length. */
  private fieldBm25(qtf: Map<string, number>, field: readonly string[], avg: number): number {
    const { k1, b } = this.options;
    let s = 0;
    for (const [t, w] of qtf) {
      let tf = 0;
      for (const x of field) if (x === t) tf++;
      if (tf) s += (this.idf(t) * w * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * field.length) / avg));
    }
    return s;
  }

  /** Unit tf-idf vector of terms. */
  private termVector(tokens: readonly string[]): Map<string, number> {
    const v = new Map<string, number>();
    for (const t of tokens) v.set(t, (v.get(t) ?? 0) + 1);
    let norm = 0;
    for (const [t, c] of v) {
      const w = (1 + Math.log(c)) * this.idf(t);
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  }

  /** Unit tf-idf vector of 4-gram counts; grams the index has never seen are left out. */
  private gramVector(counts: Map<string, number>, knownOnly: boolean): Map<string, number> {
    const v = new Map<string, number>();
    let norm = 0;
    for (const [g, c] of counts) {
      const df = this.gramDf.get(g);
      if (df === undefined && knownOnly) continue;
      const w = (1 + Math.log(c)) * Math.log(this.count / (df ?? 1));
      v.set(g, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [g, w] of v) v.set(g, w / norm);
    return v;
  }
}

/** The n highest-scoring slots, best first (ties by slot, for determinism). */
function topN(acc: Float64Array, touched: readonly number[], n: number): [number, number][] {
  let cut = Number.NEGATIVE_INFINITY;
  if (touched.length > n) {
    // the n-th best score, with a min-heap of n
    const heap = new Float64Array(n);
    let size = 0;
    for (const slot of touched) {
      const v = acc[slot] as number;
      if (size < n) {
        let i = size++;
        heap[i] = v;
        while (i > 0) {
          const p = (i - 1) >> 1;
          if ((heap[p] as number) <= (heap[i] as number)) break;
          [heap[p], heap[i]] = [heap[i] as number, heap[p] as number];
          i = p;
        }
      } else if (v > (heap[0] as number)) {
        heap[0] = v;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1, r = l + 1;
          let m = i;
          if (l < n && (heap[l] as number) < (heap[m] as number)) m = l;
          if (r < n && (heap[r] as number) < (heap[m] as number)) m = r;
          if (m === i) break;
          [heap[m], heap[i]] = [heap[i] as number, heap[m] as number];
          i = m;
        }
      }
    }
    cut = heap[0] as number;
  }
  const out: [number, number][] = [];
  for (const slot of touched) if ((acc[slot] as number) >= cut) out.push([slot, acc[slot] as number]);
  return out.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, n);
}

/** Check claim's view of a set of fact-check records (see ClaimChecker). */
export function factCheckSource(records: Iterable<FactCheck>, options: Partial<RetrievalOptions> = {}): FactCheckSource & { index: FactCheckIndex<FactCheck> } {
  const index = new FactCheckIndex<FactCheck>(records, options);
  return {
    index,
    rank(text: string, k: number): FactCheckHit[] {
      return index.search(text, k).map(({ id, score }) => {
        const r = index.get(id) as FactCheck;
        return { id, claim: r.claim, rating: r.rating, publisher: r.publisher, url: r.url, score };
      });
    },
    confident(hit: FactCheckHit, text: string): boolean {
      const best = index.best(text);
      return best !== null && best.confident && best.record.id === hit.id;
    },
  };
}
