/**
 * Claim retrieval: given a text a reader brings (a tweet, a sentence they selected), rank the
 * fact-checks that address it. Entirely lexical and local.
 *
 * Stage 1 is BM25F over the claim and the fact-check's title, with the query prepared the way social
 * text needs: links and picture links dropped, HTML entities decoded, #hashtags and @handles split
 * into words (camel case, or by the index's own vocabulary when a tag is one lower-case run), and the
 * "— Name (@handle) date" signature lines that embedded tweets end with kept only as a weaker "who
 * said it" part. Stage 2 re-ranks the best candidates with a linear model over features a reader would
 * weigh (character n-gram similarity, how much of the claim the text covers, shared word pairs,
 * numbers, names, whether a picture is involved), its weights fitted on the CLEF 2020 CheckThat!
 * Task 2 training split. `best()` adds a calibrated "confident" flag: an unrelated text is not.
 *
 * Records can be added and removed one at a time; the statistics stay exact without a rebuild.
 */
import { fold, tokenize } from '../text/tokens';
import type { FactCheckHit, FactCheckSource } from './check';
import type { FactCheck } from './factchecks';

/** What the index needs of a fact-check. */
export interface ClaimDoc {
  id: string;
  claim: string;
  title?: string | undefined;
  claimant?: string | undefined;
}

export interface RetrievalOptions {
  k1: number;
  b: number;
  /** Weight of a title token relative to a claim token in BM25F. */
  titleWeight: number;
  /** Weight of the claimant's tokens (a weak field). */
  claimantWeight: number;
  /** Weight of a query's author/signature tokens relative to its body tokens. */
  authorWeight: number;
  /**
   * Query-term model: logistic weights (bias first) over TERM_FEATURES predicting that a query term
   * appears in the matching fact-check; a term's BM25 weight is multiplied by (p / mean p) ^ termAlpha.
   */
  termModel: readonly number[];
  termAlpha: number;
  /** Candidates from stage 1 that stage 2 re-ranks. */
  candidates: number;
  /** Stage-2 weights over standardised features, in FEATURES order. */
  weights: readonly number[];
  /** Feature means and standard deviations (from the training split). */
  mean: readonly number[];
  std: readonly number[];
  /** `best().confident` when the top score is at least this and leads the runner-up by `margin`. */
  threshold: number;
  margin: number;
}

export const FEATURES = [
  'bm25',
  'bm25rel',
  'bm25Claim',
  'bm25Title',
  'rrank',
  'docCover',
  'claimCover',
  'titleCover',
  'queryCover',
  'cosine',
  'gramCosine',
  'pairs',
  'author',
  'media',
  'tweet',
  'numHit',
  'numMiss',
  'maxIdf',
  'docLen',
  'unmatched',
  'claimGrams',
  'titleGrams',
  'entityCover',
  'entityMiss',
  'yearHit',
  'yearMiss',
  'run',
  'prf',
  'assoc',
] as const;
export type FeatureName = (typeof FEATURES)[number];

/** What the query-term model reads about a term of the query. */
export const TERM_FEATURES = ['idf', 'idf2', 'repeated', 'capitalised', 'allCaps', 'hashtag', 'author', 'quoted', 'position', 'logLength', 'number'] as const;

/** A query term with what the term model knows about it. */
export interface QueryTerm {
  term: string;
  /** Occurrences in the body (0 for a term only in the signature). */
  tf: number;
  capitalised: boolean;
  allCaps: boolean;
  hashtag: boolean;
  author: boolean;
  quoted: boolean;
  /** Relative position of the first occurrence, 0 … 1. */
  position: number;
}

const ZERO = FEATURES.map(() => 0);
const ONE = FEATURES.map(() => 1);

export const DEFAULTS: RetrievalOptions = {
  k1: 0.9,
  b: 0.4,
  titleWeight: 1,
  claimantWeight: 0.5,
  authorWeight: 1,
  termModel: [],
  termAlpha: 0,
  candidates: 100,
  weights: FEATURES.map((f) => (f === 'bm25' ? 1 : 0)),
  mean: ZERO,
  std: ONE,
  threshold: Number.NEGATIVE_INFINITY,
  margin: 0,
};

export interface Hit {
  id: string;
  score: number;
}

export interface Best<R extends ClaimDoc> {
  record: R;
  score: number;
  confident: boolean;
}

/** A query text prepared for matching. */
export interface PreparedQuery {
  /** The text without links, signatures and markup, hashtags and handles split into words. */
  body: string;
  /** Names from signature lines ("— Name (@handle) date"): who posted, not what was said. */
  authors: string;
  /** A picture or video is attached or mentioned. */
  media: boolean;
  /** Hashtags and lower-case handles that need the index's vocabulary to split. */
  runs: string[];
  /** Hashtags and handles as words ("Australian Fires"). */
  tags: string[];
  /** Year of the latest signature date, when the text is a quoted tweet. */
  year: number | undefined;
}

const MONTH = '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
/** "— Name (@handle) Month D, YYYY", as embedded tweets end (and quote other tweets). */
const SIGNATURE = new RegExp(`[\u2014\u2013]\\s*([^\u2014\u2013\\n]{0,80}?)\\s*\\(@(\\w{1,20})\\)\\s*(?:${MONTH}\\.?\\s+\\d{1,2},?\\s+\\d{4})?`, 'g');
const MEDIA_LINK = /pic\.twitter\.com\/\w+|\b(?:video|photo|image|picture|footage|clip)s?\b/i;
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the HTML entities social text carries (&amp;, &#39;, &#x2019;). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,6}|#\d{1,7}|[a-zA-Z]{2,6});/g, (m, e: string) => {
    if (e.startsWith('#')) {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : ' ';
    }
    return NAMED_ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** "DefundTheCBC" → "Defund The CBC", "Paul_Butler_" → "Paul Butler", "covid19" → "covid 19". */
export function splitCamel(word: string): string {
  return word
    .replace(/_/g, ' ')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .trim();
}

/** Prepares a tweet or a selected sentence for matching (see PreparedQuery). */
export function prepareQuery(raw: string): PreparedQuery {
  let text = decodeEntities(raw.slice(0, 20_000));
  const authors: string[] = [];
  let year: number | undefined;
  text = text.replace(SIGNATURE, (m, name: string, handle: string) => {
    authors.push(name, splitCamel(handle));
    const y = /(\d{4})$/.exec(m)?.[1];
    if (y !== undefined) year = Math.max(year ?? 0, Number(y));
    return ' ';
  });
  const media = MEDIA_LINK.test(text);
  const runs: string[] = [];
  const tags: string[] = [];
  text = text
    .replace(/pic\.twitter\.com\/[A-Za-z0-9]{1,12}/g, ' ')
    .replace(/https?:\/\/t\.co\/[A-Za-z0-9]{1,10}/g, ' ')
    .replace(/(?:https?:\/\/|www\.)\S+/g, ' ')
    .replace(/[#@]([\p{L}\p{N}_]{1,60})/gu, (_m, tag: string) => {
      const split = splitCamel(tag);
      tags.push(split);
      if (!split.includes(' ') && tag.length >= 6) runs.push(tag);
      return ` ${split} `;
    });
  return { body: text.replace(/\s+/g, ' ').trim(), authors: authors.join(' '), media, runs, tags, year };
}

const MEDIA_WORDS = /\b(?:photo\w*|image\w*|video\w*|picture\w*|memes?|footage|clips?|screenshots?)\b/i;
const TWEET_WORDS = /\b(?:tweet\w*|twitter)\b/i;
const SURFACE = /[\p{L}\p{N}]+/gu;
const WORD = /[\p{L}\p{N}]+(?:['.\u2019-][\p{L}\p{N}]+)*/gu;
const QUOTED = /["\u201c\u2018]([^"\u201d\u2019]{3,200})["\u201d\u2019]/g;

interface Doc<R> {
  record: R;
  claim: string[];
  title: string[];
  /** Unique claim and title terms. */
  terms: string[];
  claimTerms: Set<string>;
  titleTerms: Set<string>;
  /** BM25F length. */
  len: number;
  /** Adjacent and one-apart term pairs. */
  pairs: Set<string>;
  /** Character 4-gram ids and counts: claim and title together, and each alone. */
  grams: Map<number, number>;
  claimGrams: Map<number, number>;
  titleGrams: Map<number, number>;
  /** Terms of capitalised words inside the claim (names). */
  entities: Set<string>;
  /** Years the claim or title mentions. */
  years: Set<number>;
  media: boolean;
  tweet: boolean;
  /** Folded surface words (for splitting hashtags). */
  words: string[];
}

interface Candidate {
  slot: number;
  features: number[];
}

function pairsOf(tokens: readonly string[], into = new Set<string>()): Set<string> {
  for (let i = 0; i + 1 < tokens.length; i++) {
    into.add(`${tokens[i]} ${tokens[i + 1]}`);
    if (i + 2 < tokens.length) into.add(`${tokens[i]} ${tokens[i + 2]}`);
  }
  return into;
}

function gramsOf(text: string, each: (gram: string) => void): void {
  for (const m of fold(text).matchAll(SURFACE)) {
    const w = ` ${m[0]} `;
    for (let i = 0; i + 4 <= w.length; i++) each(w.slice(i, i + 4));
  }
}

const isNumber = (t: string) => /^\d/.test(t);

/**
 * Words fact-checks and social posts use for the same thing, folded to one term (keys are the
 * tokenizer's stemmed forms): "pic"/"photograph"/"image", "migrant"/"immigrant", "mum"/"mother".
 */
const SYNONYMS: Record<string, string> = Object.fromEntries(
  Object.entries({
    photo: ['photograph', 'picture', 'pic', 'image', 'snapshot', 'pictur'],
    video: ['footage', 'clip', 'film', 'videotape'],
    migrant: ['immigrant', 'refugee', 'asylum'],
    child: ['children', 'kid', 'toddler', 'childhood'],
    mother: ['mom', 'mum', 'mommy'],
    father: ['dad', 'daddy'],
    gun: ['firearm', 'weapon', 'rifle'],
    police: ['cop', 'policeman', 'officer'],
    president: ['potus'],
    republican: ['gop'],
    democrat: ['dem', 'democratic'],
    muslim: ['islam', 'islamic'],
    doctor: ['photoshop', 'photoshopp', 'alter', 'manipulat', 'edit', 'fake', 'hoax', 'fabricat'],
    shooter: ['gunman'],
    vaccine: ['vaccination', 'vaccinat', 'vax', 'vaccinate'],
    ocasio: ['aoc'],
    teen: ['teenager', 'adolescent'],
  }).flatMap(([to, words]) => words.map((w) => [w, to])),
);

/** The tokenizer's terms, with synonyms folded. */
function termsOf(text: string): string[] {
  return tokenize(text).map((t) => SYNONYMS[t] ?? t);
}

/** Terms of the capitalised words of a text that do not start a sentence: the names it mentions. */
function entitiesOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(^|[.!?:"\u201c]\s*)?(\p{Lu}[\p{L}'\u2019.-]*)/gu)) {
    if (m[1] !== undefined) continue;
    for (const t of termsOf(m[2] as string)) if (!isNumber(t)) out.add(t);
  }
  return out;
}

function prfCosine(centroid: Map<string, number>, vec: Map<string, number>, self: number, all: readonly Map<string, number>[]): number {
  let dot = 0, norm = 0;
  const own = self >= 0 ? all[self] : undefined;
  for (const [t, w] of centroid) {
    const c = w - (own?.get(t) ?? 0);
    norm += c * c;
    const v = vec.get(t);
    if (v !== undefined) dot += c * v;
  }
  return norm > 0 ? dot / Math.sqrt(norm) : 0;
}

function assocScore(assoc: Map<string, number>, terms: readonly string[], query: Set<string>, idf: (t: string) => number): number {
  let s = 0, total = 0;
  for (const t of terms) {
    if (query.has(t)) continue;
    const w = idf(t);
    total += w;
    s += w * Math.min(1, assoc.get(t) ?? 0);
  }
  return total > 0 ? s / total : 0;
}

/** Length of the longest run of query tokens that the document has in the same order. */
function longestRun(query: readonly string[], doc: readonly string[]): number {
  let best = 0;
  for (let i = 0; i < doc.length; i++) {
    for (let j = 0; j < query.length; j++) {
      let k = 0;
      while (i + k < doc.length && j + k < query.length && doc[i + k] === query[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return best;
}

export class FactCheckIndex<R extends ClaimDoc = ClaimDoc> {
  readonly options: RetrievalOptions;
  private readonly docs: (Doc<R> | undefined)[] = [];
  private readonly slots = new Map<string, number>();
  /** term → slot → weighted term frequency (claim 1, title titleWeight, claimant claimantWeight). */
  private readonly postings = new Map<string, Map<number, number>>();
  /** term → documents containing it in claim or title. */
  private readonly df = new Map<string, number>();
  private readonly gramIds = new Map<string, number>();
  private readonly gramDf: number[] = [];
  private readonly wordFreq = new Map<string, number>();
  private wordTotal = 0;
  private lenSum = 0;
  private count = 0;

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
    this.memo = null;
    if (this.slots.has(record.id)) this.remove(record.id);
    const o = this.options;
    const claim = termsOf(record.claim);
    const title = record.title ? termsOf(record.title) : [];
    const claimant = record.claimant ? termsOf(record.claimant) : [];
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
    const claimTerms = new Set(claim);
    const titleTerms = new Set(title);
    const terms = [...new Set([...claim, ...title])];
    for (const t of terms) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    const text = `${record.claim} ${record.title ?? ''}`;
    const grams = new Map<number, number>();
    const claimGrams = new Map<number, number>();
    const titleGrams = new Map<number, number>();
    const gramId = (g: string) => {
      let id = this.gramIds.get(g);
      if (id === undefined) {
        id = this.gramDf.length;
        this.gramIds.set(g, id);
        this.gramDf.push(0);
      }
      return id;
    };
    gramsOf(record.claim, (g) => {
      const id = gramId(g);
      claimGrams.set(id, (claimGrams.get(id) ?? 0) + 1);
    });
    gramsOf(record.title ?? '', (g) => {
      const id = gramId(g);
      titleGrams.set(id, (titleGrams.get(id) ?? 0) + 1);
    });
    for (const part of [claimGrams, titleGrams]) for (const [id, c] of part) grams.set(id, (grams.get(id) ?? 0) + c);
    for (const id of grams.keys()) this.gramDf[id]!++;
    const words = fold(text).match(SURFACE) ?? [];
    for (const w of words) this.wordFreq.set(w, (this.wordFreq.get(w) ?? 0) + 1);
    this.wordTotal += words.length;
    const len = claim.length + o.titleWeight * title.length + o.claimantWeight * claimant.length;
    this.lenSum += len;
    this.count++;
    this.docs.push({
      record,
      claim,
      title,
      terms,
      claimTerms,
      titleTerms,
      len,
      pairs: pairsOf(title, pairsOf(claim)),
      grams,
      claimGrams,
      titleGrams,
      entities: entitiesOf(record.claim),
      years: new Set([...text.matchAll(/\b(1[89]\d\d|20\d\d)\b/g)].map((m) => Number(m[1]))),
      media: MEDIA_WORDS.test(text),
      tweet: TWEET_WORDS.test(text),
      words,
    });
    this.slots.set(record.id, slot);
  }

  /** Removes a record; returns whether it was there. */
  remove(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    this.memo = null;
    const doc = this.docs[slot] as Doc<R>;
    for (const t of new Set([...doc.claim, ...doc.title, ...(doc.record.claimant ? termsOf(doc.record.claimant) : [])])) {
      const p = this.postings.get(t);
      if (!p) continue;
      p.delete(slot);
      if (p.size === 0) this.postings.delete(t);
    }
    for (const t of doc.terms) {
      const n = (this.df.get(t) ?? 1) - 1;
      if (n > 0) this.df.set(t, n);
      else this.df.delete(t);
    }
    for (const g of doc.grams.keys()) this.gramDf[g]!--;
    for (const w of doc.words) {
      const n = (this.wordFreq.get(w) ?? 1) - 1;
      if (n > 0) this.wordFreq.set(w, n);
      else this.wordFreq.delete(w);
    }
    this.wordTotal -= doc.words.length;
    this.lenSum -= doc.len;
    this.count--;
    this.docs[slot] = undefined;
    this.slots.delete(id);
    return true;
  }

  /** The k best records for a text, best first, with their stage-2 scores. */
  search(text: string, k: number): Hit[] {
    const ranked = this.rank(text);
    return ranked.slice(0, Math.max(0, k)).map(({ slot, score }) => ({ id: (this.docs[slot] as Doc<R>).record.id, score }));
  }

  /** The best record, and whether it is likely the claim the text makes. */
  best(text: string): Best<R> | null {
    const ranked = this.rank(text);
    const top = ranked[0];
    if (!top) return null;
    const second = ranked[1]?.score ?? Number.NEGATIVE_INFINITY;
    const confident = top.score >= this.options.threshold && top.score - second >= this.options.margin;
    return { record: (this.docs[top.slot] as Doc<R>).record, score: top.score, confident };
  }

  /** Stage-1 candidates with their raw features, for fitting the stage-2 model. */
  candidates(text: string, n = this.options.candidates): { id: string; features: number[] }[] {
    return this.stage1(text, n).map((c) => ({ id: (this.docs[c.slot] as Doc<R>).record.id, features: c.features }));
  }

  /** The last query's ranking: `rank` then `confident` on the same text is one search. */
  private memo: { text: string; ranked: { slot: number; score: number }[] } | null = null;

  private rank(text: string): { slot: number; score: number }[] {
    if (this.memo?.text === text) return this.memo.ranked;
    const ranked = this.rerank(text);
    this.memo = { text, ranked };
    return ranked;
  }

  private rerank(text: string): { slot: number; score: number }[] {
    const { weights, mean, std } = this.options;
    const scored = this.stage1(text, this.options.candidates).map((c) => {
      let s = 0;
      for (let j = 0; j < c.features.length; j++) s += (weights[j] ?? 0) * ((c.features[j] as number) - (mean[j] ?? 0)) / (std[j] || 1);
      return { slot: c.slot, score: s };
    });
    return scored.sort((a, b) => b.score - a.score || a.slot - b.slot);
  }

  /** Inverse document frequency of a term (as BM25 uses it). */
  idf(t: string): number {
    const n = this.df.get(t) ?? 0;
    return Math.log(1 + (this.count - n + 0.5) / (n + 0.5));
  }

  /** Splits a run like "capetownstorm" into known words, or returns [] when it cannot. */
  segment(run: string): string[] {
    const s = fold(run).replace(/[^\p{L}\p{N}]/gu, '');
    if (s.length < 6 || s.length > 60 || this.wordTotal === 0) return [];
    const logTotal = Math.log(this.wordTotal);
    const cost = new Float64Array(s.length + 1).fill(Number.POSITIVE_INFINITY);
    const from = new Int32Array(s.length + 1);
    cost[0] = 0;
    for (let i = 1; i <= s.length; i++) {
      for (let j = Math.max(0, i - 20); j < i; j++) {
        const w = s.slice(j, i);
        const f = this.wordFreq.get(w);
        // unknown pieces cost as if ten times rarer than a word seen once, per letter
        const c = f !== undefined && (w.length > 1 || /\d/.test(w)) ? logTotal - Math.log(f) : logTotal + 2.3 * w.length;
        if (cost[j]! + c < cost[i]!) {
          cost[i] = cost[j]! + c;
          from[i] = j;
        }
      }
    }
    const parts: string[] = [];
    for (let i = s.length; i > 0; i = from[i]!) parts.unshift(s.slice(from[i]!, i));
    return parts.length > 1 ? parts : [];
  }

  /** The query's terms, in first-occurrence order, with what the term model reads about them. */
  queryTerms(q: PreparedQuery, extra: readonly string[]): { terms: QueryTerm[]; words: number } {
    const byTerm = new Map<string, QueryTerm>();
    const tagTerms = new Set(termsOf(`${q.tags.join(' ')} ${extra.join(' ')}`));
    const quoted = new Set(termsOf([...q.body.matchAll(QUOTED)].map((m) => m[1]).join(' ')));
    const letters = q.body.replace(/[^\p{L}]/gu, '');
    const shouting = letters.length > 0 && letters === letters.toUpperCase();
    const words = [...q.body.matchAll(WORD), ...extra.map((w) => ({ 0: w, index: q.body.length }))];
    words.forEach((m, i) => {
      const w = m[0];
      const before = q.body.slice(Math.max(0, (m.index ?? 0) - 3), m.index);
      for (const term of termsOf(w)) {
        let e = byTerm.get(term);
        if (!e) {
          e = { term, tf: 0, capitalised: false, allCaps: false, hashtag: tagTerms.has(term), author: false, quoted: quoted.has(term), position: i / words.length };
          byTerm.set(term, e);
        }
        e.tf++;
        if (!shouting && i > 0 && /^\p{Lu}/u.test(w) && !/[.!?:]\s*$/.test(before)) e.capitalised = true;
        if (!shouting && w.length > 1 && /\p{L}/u.test(w) && w === w.toUpperCase()) e.allCaps = true;
      }
    });
    for (const term of termsOf(q.authors)) {
      if (!byTerm.has(term)) byTerm.set(term, { term, tf: 0, capitalised: true, allCaps: false, hashtag: false, author: true, quoted: false, position: 1 });
    }
    return { terms: [...byTerm.values()], words: words.length };
  }

  /** The term model's probability that a query term appears in the matching fact-check. */
  termProbability(t: QueryTerm, words: number): number {
    const m = this.options.termModel;
    if (m.length === 0) return 1;
    const idf = this.idf(t.term);
    const x = [idf, (idf * idf) / 10, t.tf > 1 ? 1 : 0, +t.capitalised, +t.allCaps, +t.hashtag, +t.author, +t.quoted, t.position, Math.log1p(words), isNumber(t.term) ? 1 : 0];
    let z = m[0] ?? 0;
    for (let j = 0; j < x.length; j++) z += (m[j + 1] ?? 0) * (x[j] as number);
    return 1 / (1 + Math.exp(-z));
  }

  private stage1(text: string, n: number): Candidate[] {
    if (this.count === 0) return [];
    const o = this.options;
    const q = prepareQuery(text);
    const extra = q.runs.flatMap((r) => this.segment(r));
    const { terms, words } = this.queryTerms(q, extra);
    const body = termsOf(`${q.body} ${extra.join(' ')}`);
    const bodySet = new Set(body);
    const authors = terms.filter((t) => t.author).map((t) => t.term);
    const qtf = new Map<string, number>();
    const known = terms.filter((t) => this.df.has(t.term));
    const probs = known.map((t) => this.termProbability(t, words));
    const meanProb = probs.reduce((a, b) => a + b, 0) / (probs.length || 1);
    known.forEach((t, i) => {
      const base = t.author ? o.authorWeight : t.tf;
      qtf.set(t.term, base * (o.termAlpha ? ((probs[i] as number) / meanProb) ** o.termAlpha : 1));
    });

    const avg = this.lenSum / this.count;
    const scores = new Map<number, number>();
    for (const [t, w] of qtf) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = this.idf(t) * w;
      for (const [slot, tf] of p) {
        const len = (this.docs[slot] as Doc<R>).len;
        scores.set(slot, (scores.get(slot) ?? 0) + (idf * tf * (o.k1 + 1)) / (tf + o.k1 * (1 - o.b + (o.b * len) / avg)));
      }
    }
    const top = [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, n);
    if (top.length === 0) return [];

    const topScore = top[0]![1];
    const queryTerms = new Set([...body, ...authors]);
    const authorOnly = new Set(authors);
    let queryIdf = 0;
    for (const t of bodySet) if (this.df.has(t)) queryIdf += this.idf(t);
    const queryPairs = pairsOf(body);
    const queryNumbers = new Set(body.filter(isNumber));
    const queryVec = this.termVector([...body, ...authors]);
    const queryGrams = this.gramVector(`${q.body} ${extra.join(' ')} ${q.authors}`);

    // pseudo relevance feedback: the centroid of the best documents' term vectors
    const docVecs = top.map(([slot]) => this.termVector([...(this.docs[slot] as Doc<R>).claim, ...(this.docs[slot] as Doc<R>).title]));
    const PRF = 10;
    const centroid = new Map<string, number>();
    for (const v of docVecs.slice(0, PRF)) for (const [t, w] of v) centroid.set(t, (centroid.get(t) ?? 0) + w);
    // term association: documents containing a (rare enough) query term vote for their other terms
    const assoc = new Map<string, number>();
    for (const t of queryTerms) {
      const p = this.postings.get(t);
      if (!p || p.size > 300) continue;
      const w = this.idf(t) / p.size;
      for (const slot of p.keys()) {
        const d = this.docs[slot] as Doc<R>;
        for (const u of d.terms) if (!queryTerms.has(u)) assoc.set(u, (assoc.get(u) ?? 0) + w);
      }
    }
    return top.map(([slot, score], rank) => {
      const d = this.docs[slot] as Doc<R>;
      let docIdf = 0, docHit = 0, claimIdf = 0, claimHit = 0, titleIdf = 0, titleHit = 0, queryHit = 0, maxIdf = 0, unmatched = 0, author = 0;
      let numHit = 0, numMiss = 0;
      for (const t of d.terms) {
        const w = this.idf(t);
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
      for (const t of d.claimTerms) {
        const w = this.idf(t);
        claimIdf += w;
        if (queryTerms.has(t)) claimHit += w;
      }
      for (const t of d.titleTerms) {
        const w = this.idf(t);
        titleIdf += w;
        if (queryTerms.has(t)) titleHit += w;
      }
      let pairs = 0;
      for (const p of d.pairs) if (queryPairs.has(p)) pairs++;
      let entityIdf = 0, entityHit = 0, entityMiss = 0;
      for (const t of d.entities) {
        const w = this.idf(t);
        entityIdf += w;
        if (queryTerms.has(t)) entityHit += w;
        else entityMiss++;
      }
      let yearHit = 0, yearMiss = 0;
      if (q.year !== undefined) for (const y of d.years) if (y === q.year) yearHit = 1; else if (y < q.year - 1 || y > q.year) yearMiss = 1;
      const features = [
        score,
        score / topScore,
        this.fieldBm25(qtf, d.claim, 12),
        this.fieldBm25(qtf, d.title, 9),
        1 / (rank + 1),
        docHit / (docIdf || 1),
        claimHit / (claimIdf || 1),
        titleHit / (titleIdf || 1),
        queryHit / (queryIdf || 1),
        this.cosine(queryVec, this.termVector([...d.claim, ...d.title])),
        this.gramCosine(queryGrams, d.grams),
        pairs,
        author,
        q.media && d.media ? 1 : 0,
        authors.length > 0 && d.tweet ? 1 : 0,
        numHit,
        numMiss,
        maxIdf,
        Math.log1p(d.terms.length),
        unmatched,
        this.gramCosine(queryGrams, d.claimGrams),
        this.gramCosine(queryGrams, d.titleGrams),
        entityIdf > 0 ? entityHit / entityIdf : 0,
        entityMiss,
        yearHit,
        yearMiss,
        Math.max(longestRun(body, d.claim), longestRun(body, d.title)),
        prfCosine(centroid, docVecs[rank] as Map<string, number>, rank < PRF ? rank : -1, docVecs),
        assocScore(assoc, d.terms, queryTerms, (t) => this.idf(t)),
      ];
      return { slot, features };
    });
  }

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

  private cosine(a: Map<string, number>, b: Map<string, number>): number {
    const [x, y] = a.size < b.size ? [a, b] : [b, a];
    let s = 0;
    for (const [k, w] of x) {
      const u = y.get(k);
      if (u !== undefined) s += w * u;
    }
    return s;
  }

  private gramWeight(id: number, count: number): number {
    const df = this.gramDf[id] ?? 0;
    return df > 0 ? (1 + Math.log(count)) * Math.log(this.count / df) : 0;
  }

  private gramVector(text: string): Map<number, number> {
    const counts = new Map<number, number>();
    gramsOf(text, (g) => {
      const id = this.gramIds.get(g);
      if (id !== undefined && (this.gramDf[id] ?? 0) > 0) counts.set(id, (counts.get(id) ?? 0) + 1);
    });
    let norm = 0;
    for (const [id, c] of counts) {
      const w = this.gramWeight(id, c);
      counts.set(id, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [id, w] of counts) counts.set(id, w / norm);
    return counts;
  }

  private gramCosine(query: Map<number, number>, doc: Map<number, number>): number {
    let dot = 0, norm = 0;
    for (const [id, c] of doc) {
      const w = this.gramWeight(id, c);
      norm += w * w;
      const q = query.get(id);
      if (q !== undefined) dot += q * w;
    }
    return norm > 0 ? dot / Math.sqrt(norm) : 0;
  }
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
