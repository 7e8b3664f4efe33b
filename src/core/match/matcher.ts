/**
 * Page → story matching. An inverted index over the library (story titles, article and source
 * titles, source descriptions, summary and timeline text, weighted by field), scored with BM25; then
 * the evidence a reader would weigh: how much of the headline the story explains (coverage), how far
 * ahead of the runner-up it is (margin), and whether the dates fit. A logistic model over those turns
 * them into a confidence, and below the threshold the matcher says "no match" rather than guess.
 *
 * Exact evidence comes first: a page whose URL or headline is one the story lists matches it outright
 * (confidence 1), and names the source number when the page is one of the story's cited sources.
 *
 * Stories can be added and removed one at a time; the index stays correct without a rebuild.
 */
import { confidenceOf, type Evidence, type Model } from './confidence';
import { withoutOutletName } from './headline';
import { headlineNames } from './headline-names';
import { KeyIndex } from './key-index';
import { identifySource, outletNameForHost, sameOutlet } from './source';
import { hostOf } from '../text/url';
import { gapHoursOf, storyDates } from './span';
import type { Story } from '../story/model';
import { tokenize, WordNumbers, wordTokens } from '../text/tokens';
import { LEAD_CHARS } from './lead';
import { foldTitle, keyHash, normaliseUrl, numbersHash, urlHash, withoutOutletSuffix } from './keys';
import type { MatchPage } from './page';
import { pageTexts } from './page-words';
import { termOf } from './term';
import { proseCount } from '../text/prose-words';
import { runSteps, type Steps } from '../text/steps';
import { Postings } from './postings';
import { TopK, type QueryTerm } from './top-k';

// What callers read from the matcher's module; each lives in the module named for it.
export type { Evidence } from './confidence';
export { headlineNames } from './headline-names';
export { KeyIndex } from './key-index';
export { identifySource } from './source';
export { isoMs } from './span';
export type { MatchPage } from './page';

export interface MatchResult {
  /** The story, or null when the matcher abstains. */
  storyId: string | null;
  title: string | null;
  /** BM25 score of the best story (0 when nothing shares a word with the page). */
  score: number;
  /** Calibrated probability that the best story is the page's story. */
  confidence: number;
  /** The story's source number this page is, when it is one of them. */
  source: number | null;
  /** The outlet the page is from, as the story names it (or the registry does). */
  outlet: string | null;
  how: 'url' | 'title' | 'lexical' | 'none';
}

/** Field weights: headlines carry a story; summaries and timelines add vocabulary. */
const FIELD = { storyTitle: 2, articleTitle: 1, sourceTitle: 1, description: 0.4, heading: 0.4, summary: 0.25, timeline: 0.2 } as const;
/** Query weights: the headline, then the standfirst and lead when the page has them. */
const QUERY = { title: 1, description: 0.35, lead: 0.15 } as const;

/**
 * A word is specific when its IDF is at least this share of the largest IDF the library gives (a word
 * in one story): in a library of 200 stories a word in at most 5 of them, in one of 100,000 at most
 * about 70 — names, numbers and uncommon terms rather than a topic's vocabulary.
 */
const SPECIFIC = 0.6;
/**
 * The BM25 score and specificity take IDFs as in a library of at least this many stories: in a small
 * library every word is in a large share of the stories, so document frequency cannot tell an event's
 * words from a topic's (in a library of one story nothing would be specific and every score would be
 * small), and the evidence the model was fitted on (libraries of 35 to 200 stories) would change scale.
 */
const IDF_LIBRARY = 100;

/** BM25 candidates re-ranked by time. */
const CANDIDATES = 50;

export interface MatcherOptions {
  k1: number;
  b: number;
  /** Confidence at or above which a lexical match is accepted. */
  threshold: number;
  /** Candidates' scores are multiplied by (1 + gap hours) ^ −timeDecay. */
  timeDecay: number;
  /** Logistic model: bias, then one weight per feature of `confidenceFeatures` (confidence.ts), in its order. */
  model: Model;
  /** A page published this many days outside the story's dates cannot belong to it. */
  maxGapDays: number;
  /**
   * Veto: a headline whose names all are foreign to the story, and that shares less than this share
   * of its words with the story's headlines, is not about the story, whatever the model says.
   */
  vetoCoverage: number;
  /** Below this share of the headline in the story's headlines (both measures), no lexical match. */
  minOverlap: number;
  /**
   * Occurrences in ordinary prose (core/text/prose-words.ts) at which a specific word's weight as
   * evidence halves: a word rare in the library but common in prose ("trading", "goods") is a topic's
   * word, not an event's. 0: the library alone decides.
   */
  proseScale: number;
}

/** A result that names a story. */
export type Match = MatchResult & { storyId: string; title: string };

export function isMatch(r: MatchResult): r is Match {
  return r.storyId !== null;
}

/**
 * Tuned on the dev splits only (UCI and Kagi, ../shared/data/matching) by `npm run fit:match`
 * (bench/fit-match.ts, bench/match-cv.ts): the model by L2-regularised logistic regression of "the best
 * candidate is the page's story" on the evidence, with hard negatives (each page's best candidate once
 * its own story is out of the library); the threshold for the most correct decisions with at most 1%
 * false matches per split, and at most 8% with own stories out, and not below 0.8 (the floor that
 * holds false matches within 1% in bench:match's 100,000-story library: FIT.minThreshold). The
 * ordinary-prose scale (10) is the middle of those tried (3, 10, 30 gave the same cross-validated
 * decisions; in the 100,000-story library at 0.7, 10 gave 2.4 points more correct decisions on each
 * split than none, one more false match on UCI: measured with an earlier form of headline support).
 * Checked by leave-stories-out cross-validation (bench/match-calibration.ts). BM25 k1 and b and the time decay were set by earlier
 * grid searches.
 */
export const DEFAULT_OPTIONS: MatcherOptions = {
  k1: 1.5,
  b: 0.5,
  threshold: 0.8,
  timeDecay: 0.5,
  model: [-2.48, 0.94, 3.74, -4.68, -0.26, 0.76, -0.18, 1.94, 1.56, 1.99],
  vetoCoverage: 0.3,
  minOverlap: 0.08,
  maxGapDays: 730,
  proseScale: 10,
};

interface Doc {
  story: Story;
  alive: boolean;
  length: number;
  /**
   * Its numbers, one run after another (one small array per story): its term ids (to remove it from
   * postings and to test membership); each of its headlines' term ids in turn (story, article and
   * source titles: what coverage and title similarity are measured on); and, to the end, where each
   * headline ends in that run.
   */
  data: number[];
  nTerms: number;
  nHeadlineIds: number;
  /** Earliest and latest dates the story speaks of (ms), NaN when unknown. */
  from: number;
  to: number;
}

/** Is the id among the `count` numbers at `from`? */
function hasId(data: readonly number[], from: number, count: number, id: number): boolean {
  for (let i = from; i < from + count; i++) if (data[i] === id) return true;
  return false;
}


export class Matcher {
  readonly options: MatcherOptions;
  private readonly termIds = new Map<string, number>();
  private readonly postings = new Postings();
  private readonly topK = new TopK();
  /** Per term id: how far ordinary prose leaves it specific (1 for names, less for common words). */
  private readonly unordinary: number[] = [];
  private readonly docs: Doc[] = [];
  private readonly byId = new Map<string, number>();
  /** Exact keys: hashes of links, and of headlines of four words or more. */
  private readonly byUrl = new KeyIndex();
  private readonly byTitle = new KeyIndex();
  private aliveCount = 0;
  private totalLength = 0;
  /** IDF of the page headline's terms by term id, 0 elsewhere (for coverage). */
  private queryIdf = new Float64Array(0);
  /** Document lengths by doc index, for the BM25 loop. */
  private lengths = new Float64Array(64);

  constructor(stories: Iterable<Story> = [], options: Partial<MatcherOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
    runSteps(this.addAllSteps(stories));
  }

  /**
   * A matcher over `stories` built a story a step, so that a background building it for a large
   * library can pause between stories (what the constructor does at once).
   */
  static *buildSteps(stories: Iterable<Story>, options: Partial<MatcherOptions> = {}): Steps<Matcher> {
    const matcher = new Matcher([], options);
    yield* matcher.addAllSteps(stories);
    return matcher;
  }

  /** Stories read at once: their postings are laid out when they are all read (postings.ts); not to be matched against meanwhile. */
  private *addAllSteps(stories: Iterable<Story>): Steps<void> {
    this.postings.stage();
    for (const s of stories) {
      this.add(s);
      yield;
    }
    yield* this.postings.flushSteps();
  }

  get size(): number {
    return this.aliveCount;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Adds a story, replacing any story with the same id. */
  add(story: Story): void {
    if (this.byId.has(story.id)) this.remove(story.id);
    const docIndex = this.docs.length;
    this.addLength = 0;
    this.addTouched.length = 0;
    this.addHeadlineIds.length = 0;
    this.addHeadlineEnds.length = 0;
    this.addTexts.clear();
    this.addNos.length = 0;
    this.addNoStart.length = 0;
    this.addHeadline.length = 0;
    // Headlines are indexed without an appended outlet name (headline.ts), as the page's headline is read.
    this.put(withoutOutletName(story.title), FIELD.storyTitle, true);
    for (const a of story.articles) this.put(withoutOutletName(a.title), FIELD.articleTitle, true);
    for (const s of story.sources) {
      this.put(withoutOutletName(s.title), FIELD.sourceTitle, true);
      if (s.description) this.put(s.description, FIELD.description, false);
    }
    for (const sec of story.summary) {
      if (sec.heading) this.put(sec.heading, FIELD.heading, false);
      this.put(sec.text, FIELD.summary, false);
    }
    for (const e of story.timeline) this.put(e.text, FIELD.timeline, false);

    // The story's numbers (see Doc): its terms (their weights go to the postings, and the scratch is
    // reset), its headlines' ids and where each headline ends.
    const touched = this.addTouched;
    const nTerms = touched.length;
    const headlineIds = this.addHeadlineIds;
    const headlineEnds = this.addHeadlineEnds;
    const data = new Array<number>(nTerms + headlineIds.length + headlineEnds.length);
    const length = this.addLength;
    for (let i = 0; i < nTerms; i++) {
      const id = touched[i] as number;
      data[i] = id;
      this.postings.append(id, docIndex, this.addWeight[id] as number, length);
      this.addWeight[id] = 0;
    }
    for (let i = 0; i < headlineIds.length; i++) data[nTerms + i] = headlineIds[i] as number;
    for (let i = 0; i < headlineEnds.length; i++) data[nTerms + headlineIds.length + i] = headlineEnds[i] as number;
    const [from, to] = storyDates(story);
    const doc: Doc = {
      story,
      alive: true,
      length,
      data,
      nTerms,
      nHeadlineIds: headlineIds.length,
      from,
      to,
    };
    this.docs.push(doc);
    if (this.lengths.length <= docIndex) {
      const grown = new Float64Array(this.lengths.length * 2);
      grown.set(this.lengths);
      this.lengths = grown;
    }
    this.lengths[docIndex] = length;
    this.byId.set(story.id, docIndex);
    this.aliveCount++;
    this.totalLength += length;

    // Exact keys, the sources' first; an article listed with its source's link and headline adds none.
    const { sources, articles } = story;
    for (const s of sources) this.addKeys(s.url, s.title, docIndex);
    articles: for (const a of articles) {
      for (const s of sources) if (s.url === a.url && s.title === a.title) continue articles;
      this.addKeys(a.url, a.title, docIndex);
    }
    this.addTexts.clear();
  }

  /** A link's and a headline's exact keys, for the story being added. */
  private addKeys(url: string | undefined, title: string, docIndex: number): void {
    const u = url ? urlHash(url) : -1;
    if (u >= 0) this.byUrl.add(u, docIndex);
    const t = this.titleHash(title, true);
    if (t >= 0) this.byTitle.add(t, docIndex);
  }

  /**
   * Which of a story's sources or articles has this exact key (the first listed, sources first), with
   * the source number an article carries when it is also a cited source; null when none has (a hash
   * collision).
   */
  private keyOwner(doc: Doc, kind: 'url' | 'title', key: string): { source: number | null; outlet: string } | null {
    const keyOf = (url: string | undefined, title: string) => (kind === 'url' ? (url ? normaliseUrl(url) : '') : foldTitle(title));
    const { sources, articles } = doc.story;
    for (const s of sources) if (keyOf(s.url, s.title) === key) return { source: s.n, outlet: s.outlet };
    for (const a of articles) {
      if (keyOf(a.url, a.title) !== key) continue;
      const t = kind === 'title' ? key : foldTitle(a.title);
      const outlet = a.outlet.toLowerCase();
      const cited = sources.findLast((s) => s.outlet.toLowerCase() === outlet && foldTitle(s.title) === t);
      return { source: cited?.n ?? null, outlet: a.outlet };
    }
    return null;
  }

  // Scratch state of add(): the story's weight per term id (0 for terms it has not met: every field
  // weighs more than 0), the ids it touched, and its headlines' ids in turn with where each ends.
  private addWeight = new Float64Array(1024);
  private readonly addTouched: number[] = [];
  private readonly addHeadlineIds: number[] = [];
  private readonly addHeadlineEnds: number[] = [];
  /**
   * Each text of the story being added (a story lists most headlines twice, as an article and as a
   * source: each is read once) → its entry; entry e's word numbers are addNos[addNoStart[e]] up to
   * the next entry's start, and addHeadline[e] is 1 once it counts as a headline.
   */
  private readonly addTexts = new Map<string, number>();
  private readonly addNos: number[] = [];
  private readonly addNoStart: number[] = [];
  private readonly addHeadline: number[] = [];
  /** Every folded word met gets a number, and the term ids it stands for (a vocabulary repeats endlessly). */
  private readonly wordNumbers = new WordNumbers();
  private readonly wordTerms: (readonly number[])[] = [];
  private addLength = 0;

  /** The entry of a text of the story being added, its words numbered (new ones registered). */
  private entryOf(text: string): number {
    let e = this.addTexts.get(text);
    if (e !== undefined) return e;
    e = this.addNoStart.length;
    this.addNoStart.push(this.addNos.length);
    this.addHeadline.push(0);
    this.wordNumbers.scan(text, true, this.addNos);
    this.registerTerms();
    this.addTexts.set(text, e);
    return e;
  }

  /** Where an entry's word numbers end. */
  private entryEnd(e: number): number {
    return e + 1 < this.addNoStart.length ? (this.addNoStart[e + 1] as number) : this.addNos.length;
  }

  /** The numbers of a text's words; new words are numbered (with their terms) or, unless `register`, −1. */
  private numbersOf(text: string, register: boolean): number[] {
    const nos: number[] = [];
    this.wordNumbers.scan(text, register, nos);
    this.registerTerms();
    return nos;
  }

  /** The terms of words numbered since the last call. */
  private registerTerms(): void {
    const vocabulary = this.wordNumbers.words;
    for (let no = this.wordTerms.length; no < vocabulary.length; no++) this.wordTerms.push(wordTokens(vocabulary[no] as string).map((t) => this.termId(t)));
  }

  /** The exact-match key of a headline: a hash of its words' numbers (-1 when a word is unknown). */
  private titleHash(title: string, register: boolean): number {
    const plain = withoutOutletSuffix(title);
    const e = plain === title ? this.addTexts.get(title) : undefined;
    if (e !== undefined) {
      const start = this.addNoStart[e] as number;
      const end = this.entryEnd(e);
      return end - start < 4 ? -1 : numbersHash(this.addNos, start, end);
    }
    const nos = this.numbersOf(plain, register);
    if (nos.length < 4 || nos.includes(-1)) return -1;
    return numbersHash(nos, 0, nos.length);
  }

  /** How far ordinary prose leaves a token's word specific: 1 for a name, less the commoner the word. */
  private unordinaryOf(token: string): number {
    const scale = this.options.proseScale;
    return scale > 0 ? 1 / (1 + Math.max(proseCount(token), proseCount(termOf(token))) / scale) : 1;
  }

  /** The id of the term a token stands for, if the library has it. */
  private idOf(token: string): number | undefined {
    return this.termIds.get(termOf(token));
  }

  /** A token's term id, registered (with an empty posting list) when new. */
  private termId(token: string): number {
    const t = termOf(token);
    let id = this.termIds.get(t);
    if (id !== undefined) return id;
    id = this.postings.addTerm();
    this.termIds.set(t, id);
    this.unordinary.push(this.unordinaryOf(token));
    if (id >= this.addWeight.length) {
      const weight = new Float64Array(this.addWeight.length * 2);
      weight.set(this.addWeight);
      this.addWeight = weight;
    }
    return id;
  }

  /** Adds a text of the story being added to its term weights (and to its headlines). */
  private put(text: string, weight: number, headline: boolean): void {
    const e = this.entryOf(text);
    const nos = this.addNos;
    const end = this.entryEnd(e);
    const w = this.addWeight;
    // A headline the story lists twice (as an article and as a source) is one headline to compare with.
    const newHeadline = headline && this.addHeadline[e] === 0;
    let length = this.addLength;
    for (let i = this.addNoStart[e] as number; i < end; i++) {
      const terms = this.wordTerms[nos[i] as number] as readonly number[];
      for (let k = 0; k < terms.length; k++) {
        const id = terms[k] as number;
        if (w[id] === 0) this.addTouched.push(id);
        w[id] = (w[id] as number) + weight;
        if (newHeadline) this.addHeadlineIds.push(id);
        length += weight;
      }
    }
    this.addLength = length;
    if (newHeadline) {
      this.addHeadline[e] = 1;
      this.addHeadlineEnds.push(this.addHeadlineIds.length);
    }
  }

  /** Removes a story; its postings are dropped so scores stay exact. */
  remove(id: string): boolean {
    const docIndex = this.byId.get(id);
    if (docIndex === undefined) return false;
    const doc = this.docs[docIndex] as Doc;
    for (let i = 0; i < doc.nTerms; i++) this.postings.remove(doc.data[i] as number, docIndex);
    for (const x of [...doc.story.sources, ...doc.story.articles]) {
      const u = x.url ? urlHash(x.url) : -1;
      if (u >= 0) this.byUrl.delete(u, docIndex);
      const t = this.titleHash(x.title, false);
      if (t >= 0) this.byTitle.delete(t, docIndex);
    }
    doc.alive = false;
    doc.data = [];
    doc.nTerms = doc.nHeadlineIds = 0;
    this.byId.delete(id);
    this.aliveCount--;
    this.totalLength -= doc.length;
    return true;
  }

  /** The story this page belongs to, or an abstention. */
  match(page: MatchPage): MatchResult {
    const exact = this.exact(page);
    if (exact) return exact;
    const f = this.evidence(page);
    if (!f) return none(0);
    const doc = this.docs[this.byId.get(f.storyId) as number] as Doc;
    if (this.vetoed(f)) return none(f.score);
    const confidence = this.confidence(f);
    if (confidence < this.options.threshold) return { ...none(f.score), confidence: round(confidence) };
    const who = identifySource(doc.story, page);
    return {
      storyId: doc.story.id,
      title: doc.story.title,
      score: round(f.score),
      confidence: round(confidence),
      source: who.source,
      outlet: who.outlet,
      how: 'lexical',
    };
  }

  /** Evidence that rules the best candidate out, whatever the model would say. */
  vetoed(f: Evidence): boolean {
    if (f.gapHours / 24 > this.options.maxGapDays) return true;
    if (f.foreignNames >= 1 && f.coverage < this.options.vetoCoverage) return true;
    // A headline that shares next to nothing with the story's headlines is not about it, however
    // many summary words it happens to meet in a large library.
    return f.coverage < this.options.minOverlap && f.titleSimilarity < this.options.minOverlap;
  }

  /** Calibrated probability from the evidence (logistic model fitted on the dev splits). */
  confidence(f: Evidence): number {
    return confidenceOf(this.options.model, f);
  }

  /**
   * The best story for a page after weighing time: BM25 candidates are re-ranked by how far the
   * page's date lies outside each story's span (a story of last week explains a page of today
   * better than a story of last year, other things equal), then described by the features the
   * confidence model reads.
   */
  evidence(input: MatchPage): Evidence | null {
    const page = { ...input, title: withoutOutletName(input.title) };
    const candidates = this.rank(page, CANDIDATES);
    if (candidates.length === 0) return null;
    const published = page.published ? Date.parse(page.published) : Number.NaN;
    const mu = this.options.timeDecay;
    // The best candidate after the time re-ranking (the first of equals, in rank order), and the
    // runner-up's re-ranked score.
    let best = candidates[0] as (typeof candidates)[number];
    let bestAdjusted = -Infinity;
    let bestGap = 0;
    let second = candidates.length > 1 ? -Infinity : 0;
    for (const c of candidates) {
      const gapHours = gapHoursOf(published, this.docs[c.doc] as Doc);
      const adjusted = c.score * (1 + gapHours) ** -mu;
      if (adjusted > bestAdjusted) {
        second = Math.max(second, bestAdjusted);
        best = c;
        bestAdjusted = adjusted;
        bestGap = gapHours;
      } else second = Math.max(second, adjusted);
    }
    return {
      storyId: (this.docs[best.doc] as Doc).story.id,
      score: best.score,
      coverage: best.coverage,
      margin: bestAdjusted > 0 ? (bestAdjusted - second) / bestAdjusted : 0,
      gapHours: bestGap,
      titleSimilarity: this.titleSimilarity(page.title, this.docs[best.doc] as Doc),
      foreignNames: this.foreignNames(page.title, this.docs[best.doc] as Doc),
      specificShared: this.specificShared(page, best.doc),
      headlineSpecific: this.headlineSpecific(page.title, best.doc),
      sharedPairs: this.sharedPairs(page.title, this.docs[best.doc] as Doc),
      headlineSupport: this.headlineSupport(page.title, this.docs[best.doc] as Doc),
    };
  }

  /** Does the story at `d` use the term? */
  private uses(id: number, d: number): boolean {
    return this.postings.find(id, d) >= 0;
  }

  /** How many stories use the term. */
  private df(id: number): number {
    return this.postings.count[id] as number;
  }

  /**
   * The specific words (rare in the library: names, numbers, uncommon terms) that everything the page
   * offers (headline, address slug, standfirst, lead) shares with the story, anywhere in it. A
   * same-topic story of another event shares the generic words of its topic; the page's own story
   * shares its specific ones.
   */
  private specificShared(page: MatchPage, d: number): number {
    const words = new Set(tokenize(page.title));
    for (const t of pageTexts(page)) for (const w of tokenize(t)) words.add(w);
    let shared = 0;
    for (const w of words) {
      const id = this.idOf(w);
      if (id === undefined) continue;
      const specific = this.specificity(id);
      if (specific >= SPECIFIC && this.uses(id, d)) shared += specific * (this.unordinary[id] as number);
    }
    return shared;
  }

  /** A term's IDF as a share of the largest IDF the library gives (IDFs as in a library of at least IDF_LIBRARY stories); 0 for a term no story uses. */
  private specificity(id: number): number {
    const df = this.df(id);
    if (df === 0) return 0;
    const n = Math.max(IDF_LIBRARY, this.aliveCount);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5)) / Math.log(1 + (n + 0.5) / 0.5);
  }

  /** The specific words of the headline that the story's headlines have (see Evidence.headlineSpecific). */
  private headlineSpecific(title: string, d: number): number {
    const doc = this.docs[d] as Doc;
    let shared = 0;
    for (const w of new Set(tokenize(title))) {
      const id = this.idOf(w);
      if (id === undefined) continue;
      const specific = this.specificity(id);
      if (specific >= SPECIFIC && hasId(doc.data, doc.nTerms, doc.nHeadlineIds, id)) shared += specific * (this.unordinary[id] as number);
    }
    return shared;
  }

  /**
   * How much of the page's headline the story's headlines keep repeating: each word of the headline
   * weighs its specificity (a word no story uses weighs most), and counts by the share of the story's
   * headlines that carry it. A story that names the page's subject in one headline of ten mentions it in
   * passing; one whose headlines keep naming the page's words is about them; a story that shares only
   * a minor word of the headline explains little of it, however often it repeats that word.
   */
  private headlineSupport(title: string, doc: Doc): number {
    const ids: number[] = [];
    const weights: number[] = [];
    let total = 0;
    const seen = new Set<string>();
    for (const t of tokenize(title)) {
      const term = termOf(t);
      if (seen.has(term)) continue;
      seen.add(term);
      const id = this.termIds.get(term);
      const known = id !== undefined && this.df(id) > 0;
      const w = known ? this.specificity(id) * (this.unordinary[id] as number) : this.unordinaryOf(t);
      total += w;
      if (known && hasId(doc.data, doc.nTerms, doc.nHeadlineIds, id)) {
        ids.push(id);
        weights.push(w);
      }
    }
    if (ids.length === 0 || total === 0) return 0;
    const data = doc.data;
    const from = doc.nTerms;
    const counts = new Array<number>(ids.length).fill(0);
    let headlines = 0;
    let start = 0;
    for (let e = from + doc.nHeadlineIds; e < data.length; e++) {
      const end = data[e] as number;
      headlines++;
      for (let i = 0; i < ids.length; i++) if (hasId(data, from + start, end - start, ids[i] as number)) counts[i] = (counts[i] as number) + 1;
      start = end;
    }
    let support = 0;
    for (let i = 0; i < ids.length; i++) support += ((weights[i] as number) * (counts[i] as number)) / Math.max(1, headlines);
    return support / total;
  }

  /**
   * Names in a sentence-case headline are evidence of what it is about: "Winter storm knocks out
   * power in Texas" shares words with a Ukrainian winter story, but Texas is nowhere in it.
   */
  private foreignNames(title: string, doc: Doc): number {
    const names = headlineNames(title);
    if (names.length === 0) return 0;
    let missing = 0;
    for (const n of names) {
      const id = this.idOf(n);
      if (id === undefined || !hasId(doc.data, 0, doc.nTerms, id)) missing++;
    }
    return missing / names.length;
  }

  /**
   * The most adjacent word pairs of the headline that one of the story's headlines (its title, its
   * articles' and sources' titles, outlet names dropped) also has: read off the term ids the story keeps
   * for each headline, in order, so no headline is read again.
   */
  private sharedPairs(title: string, doc: Doc): number {
    const pairs = new Set<number>();
    let prev = -1;
    for (const t of tokenize(title)) {
      const id = this.idOf(t) ?? -1;
      if (prev >= 0 && id >= 0) pairs.add(pairKey(prev, id));
      prev = id;
    }
    if (pairs.size === 0) return 0;
    const data = doc.data;
    const from = doc.nTerms;
    let best = 0;
    let start = 0;
    const found = new Set<number>();
    for (let e = from + doc.nHeadlineIds; e < data.length; e++) {
      const end = data[e] as number;
      found.clear();
      for (let j = start + 1; j < end; j++) {
        const key = pairKey(data[from + j - 1] as number, data[from + j] as number);
        if (pairs.has(key)) found.add(key);
      }
      if (found.size > best) best = found.size;
      start = end;
    }
    return best;
  }

  /** IDF-weighted share of the headline's words found in the story's closest single headline. */
  private titleSimilarity(title: string, doc: Doc): number {
    const q = [...new Set(tokenize(title))];
    if (q.length === 0) return 0;
    const n = Math.max(1, this.aliveCount);
    const ids = q.map((t) => this.idOf(t) ?? -1);
    const weights = ids.map((id) => {
      const df = id < 0 ? 0 : this.df(id);
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    });
    const total = weights.reduce((a, w) => a + w, 0) || 1;
    let best = 0;
    const data = doc.data;
    const headlineIds = doc.nTerms;
    let start = 0;
    for (let e = headlineIds + doc.nHeadlineIds; e < data.length; e++) {
      const end = data[e] as number;
      let got = 0;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        if (id < 0) continue;
        for (let j = start; j < end; j++) {
          if (data[headlineIds + j] === id) {
            got += weights[i] as number;
            break;
          }
        }
      }
      best = Math.max(best, got / total);
      start = end;
    }
    return best;
  }


  private exact(page: MatchPage): MatchResult | null {
    for (const u of [page.canonicalUrl, page.url]) {
      const key = u ? normaliseUrl(u) : '';
      const found = key ? this.ownerOf(this.byUrl, keyHash(key), 'url', key) : null;
      if (found) return this.hit(page, found.doc, found, 'url');
    }
    const h = this.titleHash(page.title, false);
    const found = h >= 0 ? this.ownerOf(this.byTitle, h, 'title', foldTitle(page.title)) : null;
    if (!found) return null;
    const doc = this.docs[found.doc] as Doc;
    // The same headline on another outlet is another article of the story, not this source.
    const host = hostOf(page.canonicalUrl ?? page.url);
    if (host && found.source !== null && !sameOutlet(found.outlet, host, doc.story.sources.find((s) => s.n === found.source)?.domain)) {
      return this.hit(page, found.doc, { source: null, outlet: outletNameForHost(host) ?? found.outlet }, 'title');
    }
    return this.hit(page, found.doc, found, 'title');
  }

  /** The first story, in the order they were added, that really lists this key (not just its hash). */
  private ownerOf(index: KeyIndex, h: number, kind: 'url' | 'title', key: string): { doc: number; source: number | null; outlet: string } | null {
    for (const d of index.get(h)) {
      const owner = this.keyOwner(this.docs[d] as Doc, kind, key);
      if (owner) return { doc: d, ...owner };
    }
    return null;
  }

  private hit(page: MatchPage, d: number, owner: { source: number | null; outlet: string }, how: 'url' | 'title'): MatchResult {
    const doc = this.docs[d] as Doc;
    const score = this.rank(page, CANDIDATES).find((c) => c.doc === d)?.score ?? 0;
    return { storyId: doc.story.id, title: doc.story.title, score: round(score), confidence: 1, source: owner.source, outlet: owner.outlet, how };
  }

  /** BM25 over the query fields; the top `k` stories with their coverage of the headline. */
  rank(page: MatchPage, k: number): { doc: number; score: number; coverage: number }[] {
    const query = new Map<string, number>();
    const addQ = (text: string | undefined, w: number) => {
      if (!text) return;
      for (const t of tokenize(text)) query.set(t, Math.max(query.get(t) ?? 0, w));
    };
    addQ(page.title, QUERY.title);
    addQ(page.description, QUERY.description);
    addQ(page.lead?.slice(0, LEAD_CHARS), QUERY.lead);
    if (query.size === 0 || this.aliveCount === 0) return [];

    const { k1, b } = this.options;
    // The score's IDF as in a library of at least IDF_LIBRARY stories (its scale is evidence the model
    // weighs); the headline's coverage by the library's own IDF (a share: its scale does not move).
    const nScore = Math.max(IDF_LIBRARY, this.aliveCount);
    const n = this.aliveCount;
    const avg = this.totalLength / n || 1;
    const terms: QueryTerm[] = [];
    const titleTerms: { id: number | undefined; idf: number }[] = [];
    const titleSet = new Set(tokenize(page.title));
    // Two tokens of one term ("release", "released") count once, with the weight of the first (the
    // headline's tokens come first, and weigh most).
    const seen = new Set<number>();
    for (const [term, qw] of query) {
      const id = this.idOf(term);
      if (id !== undefined) {
        if (seen.has(id)) continue;
        seen.add(id);
      }
      const df = id === undefined ? 0 : this.df(id);
      if (titleSet.has(term)) titleTerms.push({ id: df > 0 ? id : undefined, idf: Math.log(1 + (n - df + 0.5) / (df + 0.5)) });
      if (id === undefined || df === 0) continue;
      terms.push({ id, weight: qw * Math.log(1 + (nScore - df + 0.5) / (df + 0.5)) });
    }
    const top = this.topK.top(this.postings, terms, this.lengths, avg, k1, b, k);
    const totalIdf = titleTerms.reduce((a, t) => a + t.idf, 0) || 1;
    // Coverage: the headline's terms by id in a scratch array of IDFs, each found once per story
    // (its IDF negated while found, restored after).
    if (this.queryIdf.length < this.postings.terms) this.queryIdf = new Float64Array(Math.max(this.postings.terms, 2 * this.queryIdf.length));
    const idf = this.queryIdf;
    for (const t of titleTerms) if (t.id !== undefined) idf[t.id] = t.idf;
    const ranked = top.map(({ doc, score }) => {
      const d = this.docs[doc] as Doc;
      const from = d.nTerms;
      const to = from + d.nHeadlineIds;
      let covered = 0;
      for (let j = from; j < to; j++) {
        const id = d.data[j] as number;
        const w = idf[id] as number;
        if (w > 0) {
          covered += w;
          idf[id] = -w;
        }
      }
      for (let j = from; j < to; j++) {
        const id = d.data[j] as number;
        if ((idf[id] as number) < 0) idf[id] = -(idf[id] as number);
      }
      return { doc, score, coverage: covered / totalIdf };
    });
    for (const t of titleTerms) if (t.id !== undefined) idf[t.id] = 0;
    return ranked;
  }

  /** The stories whose words best match a free text (a claim, a query), best first. */
  rankStories(text: string, k: number): Story[] {
    return this.rank({ url: 'about:blank', title: text }, k).map((c) => (this.docs[c.doc] as Doc).story);
  }

  /** Stories in the index (alive ones), for iteration by callers. */
  *stories(): IterableIterator<Story> {
    for (const d of this.docs) if (d.alive) yield d.story;
  }
}

/** Two term ids as one number (exact while ids stay below 2^26, and a library has far fewer terms). */
const pairKey = (a: number, b: number) => a * 67_108_864 + b;

function none(score: number): MatchResult {
  return { storyId: null, title: null, score: round(score), confidence: 0, source: null, outlet: null, how: 'none' };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

