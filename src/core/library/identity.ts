/**
 * Recognising a story that comes back in a later edition under a new title or id: first by an
 * article link the two share, then by a close title. Both steps are index lookups (link → story,
 * title token → stories), so recognising an edition costs time linear in its size, never a
 * comparison with every story held.
 */
import type { Story } from '../story/model';
import { tokenize } from '../text/tokens';
import { bareHost, httpUrl } from '../text/url';

/**
 * Smallest Jaccard similarity of two titles' content-token sets for them to name one story. On the
 * UCI dev split (6,366 headlines in 2,372 cross-story pairs that share a token), no two headlines of
 * different stories reach 0.6, while 0.5 already joins 4 such pairs; the title step comes after the
 * link step, so it is kept where it makes no false merge on that data.
 */
export const TITLE_SIMILARITY = 0.6;

/** An article's address as a key: scheme, `www.`, fragment and a trailing slash do not make another article. */
export function linkKey(url: string): string | undefined {
  const u = httpUrl(url);
  if (!u) return undefined;
  const host = bareHost(u);
  const path = u.pathname.replace(/\/+$/, '');
  return `${host}${path}${u.search}`;
}

/** The links a story lists (its articles and its sources), as keys. */
export function storyLinkKeys(story: Story): Set<string> {
  const out = new Set<string>();
  // A source usually repeats an article's link word for word: its key is made once.
  const read = new Set<string>();
  for (const x of [story.articles, story.sources]) {
    for (const { url } of x) {
      if (!url || read.has(url)) continue;
      read.add(url);
      const k = linkKey(url);
      if (k) out.add(k);
    }
  }
  return out;
}

const titleTokens = (title: string): string[] => [...new Set(tokenize(title))];

export type Recognition = { id: string; by: 'link' | 'title' } | undefined;

/**
 * Titles of up to this many distinct tokens are indexed under pairs of tokens, longer ones under
 * single tokens (see `TitleIndex`). A title of 24 tokens has 55 pairs; news headlines have 5–15.
 */
const PAIRED_UP_TO = 24;
/** Pair keys are two token numbers in one float (exact below 2^53): a token number stays under 2^26. */
const PAIR_BASE = 2 ** 26;

/** Fewest tokens two titles must share when one has `n` tokens and their similarity reaches TITLE_SIMILARITY. */
const minShared = (n: number) => Math.ceil(TITLE_SIMILARITY * n - 1e-9);

type Posting = string | string[];
function post(map: Map<number, Posting>, key: number, id: string): void {
  const p = map.get(key);
  if (p === undefined) map.set(key, id);
  else if (typeof p === 'string') map.set(key, [p, id]);
  else p.push(id);
}
function unpost(map: Map<number, Posting>, key: number, id: string): void {
  const p = map.get(key);
  if (p === undefined) return;
  if (typeof p === 'string') {
    if (p === id) map.delete(key);
    return;
  }
  const i = p.indexOf(id);
  if (i >= 0) p.splice(i, 1);
  if (p.length === 1) map.set(key, p[0] as string);
}
function* posted(p: Posting | undefined): Generator<string> {
  if (p === undefined) return;
  if (typeof p === 'string') yield p;
  else yield* p;
}

/**
 * Titles by their tokens, for finding every title at TITLE_SIMILARITY (Jaccard) or more without
 * comparing pairs. Prefix filtering over one fixed order of tokens (the newest token first: a
 * token seen late is rarer, so prefixes hold rare tokens): if two titles share at least `a` tokens,
 * the first `n − a + k` tokens of each (n its size) share at least `k`. Titles of up to
 * PAIRED_UP_TO tokens are indexed under the token pairs of their prefix for k = 2 — a pair of tokens
 * is rarely in many titles, even when every word of the titles is common (then single-token
 * postings hold a good part of the library, and each lookup compared thousands of titles) — and
 * longer ones under the single tokens of their prefix for k = 1. A title's similar titles have
 * between `minShared(n)` and n / TITLE_SIMILARITY tokens, so a lookup probes only the index (or
 * both) holding such sizes. Exact: the same titles as comparing with every one.
 */
class TitleIndex {
  /** Token → its number (first seen, first numbered; never reused). */
  private readonly numbers = new Map<string, number>();
  private readonly pairs = new Map<number, Posting>();
  private readonly singles = new Map<number, Posting>();

  /** The title's tokens in the index order (newest first), with their numbers (-1: never indexed). */
  private ordered(tokens: readonly string[], intern: boolean): { t: string; n: number }[] {
    const out = tokens.map((t) => {
      let n = this.numbers.get(t);
      if (n === undefined && intern && this.numbers.size < PAIR_BASE) this.numbers.set(t, (n = this.numbers.size));
      return { t, n: n ?? PAIR_BASE };
    });
    return out.sort((a, b) => b.n - a.n || (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
  }

  /** The keys a title of these (ordered) tokens is indexed or looked up under, with `k` shared. */
  private static keys(order: readonly { n: number }[], k: 1 | 2): number[] {
    const n = order.length;
    const prefix = Math.min(n, n - minShared(n) + k);
    const keys: number[] = [];
    if (k === 1) for (let i = 0; i < prefix; i++) keys.push((order[i] as { n: number }).n);
    else
      for (let i = 0; i < prefix; i++) {
        for (let j = i + 1; j < prefix; j++) {
          const a = (order[i] as { n: number }).n;
          const b = (order[j] as { n: number }).n;
          // An unnumbered token (PAIR_BASE) is in no indexed title: its pairs are not looked up.
          if (a < PAIR_BASE && b < PAIR_BASE) keys.push(a * PAIR_BASE + b);
        }
      }
    return keys;
  }

  /** Indexes a title; returns what `remove` needs. */
  add(id: string, tokens: readonly string[]): { keys: number[]; paired: boolean } {
    if (tokens.length === 0) return { keys: [], paired: false };
    const order = this.ordered(tokens, true);
    // One token: no pair; such a title is like only a one-token title (two shared tokens of two are 1.0).
    const paired = tokens.length >= 2 && tokens.length <= PAIRED_UP_TO;
    const keys = TitleIndex.keys(order, paired ? 2 : 1);
    for (const key of keys) post(paired ? this.pairs : this.singles, key, id);
    return { keys, paired };
  }

  remove(id: string, entry: { keys: number[]; paired: boolean }): void {
    for (const key of entry.keys) unpost(entry.paired ? this.pairs : this.singles, key, id);
  }

  /** Every indexed title that may reach TITLE_SIMILARITY with these tokens (a superset; each once). */
  candidates(tokens: readonly string[]): Set<string> {
    const out = new Set<string>();
    const n = tokens.length;
    if (n === 0) return out;
    const order = this.ordered(tokens, false);
    const smallest = minShared(n);
    const largest = Math.floor(n / TITLE_SIMILARITY + 1e-9);
    // Paired titles have 2..PAIRED_UP_TO tokens; the others 1 or more than PAIRED_UP_TO.
    if (n >= 2 && smallest <= PAIRED_UP_TO && largest >= 2) for (const key of TitleIndex.keys(order, 2)) for (const id of posted(this.pairs.get(key))) out.add(id);
    if (smallest <= 1 || largest > PAIRED_UP_TO) for (const key of TitleIndex.keys(order, 1)) if (key < PAIR_BASE) for (const id of posted(this.singles.get(key))) out.add(id);
    return out;
  }
}

export class StoryRecognizer {
  /** Link key → the story that listed it first. */
  private readonly byLink = new Map<string, string>();
  private readonly titles = new TitleIndex();
  /** Story → what it is indexed under, for removal. */
  private readonly entries = new Map<string, { links: string[]; tokens: string[]; title: { keys: number[]; paired: boolean } }>();

  constructor(stories: Iterable<Story> = []) {
    for (const s of stories) this.add(s);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Indexes (or re-indexes) a story under its links and title. */
  add(story: Story): void {
    this.remove(story.id);
    const links: string[] = [];
    for (const k of storyLinkKeys(story)) {
      // A link already claimed stays with its first story: recognition must not flip between two.
      if (!this.byLink.has(k)) {
        this.byLink.set(k, story.id);
        links.push(k);
      }
    }
    const tokens = titleTokens(story.title);
    this.entries.set(story.id, { links, tokens, title: this.titles.add(story.id, tokens) });
  }

  remove(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    for (const k of e.links) if (this.byLink.get(k) === id) this.byLink.delete(k);
    this.titles.remove(id, e.title);
    this.entries.delete(id);
  }

  /** The held story (other than itself by id) that lists one of this story's links first. */
  recognizeByLink(story: Story, accept: (id: string) => boolean = () => true): string | undefined {
    for (const k of storyLinkKeys(story)) {
      const id = this.byLink.get(k);
      if (id !== undefined && accept(id)) return id;
    }
    return undefined;
  }

  /**
   * The held story this one is (other than itself by id): the first of its links another story
   * lists, else the held title most like its title at `TITLE_SIMILARITY` or more. `accept` can rule
   * a candidate out (for instance one already claimed in the same edition).
   */
  recognize(story: Story, accept: (id: string) => boolean = () => true): Recognition {
    const byLink = this.recognizeByLink(story, accept);
    if (byLink !== undefined) return { id: byLink, by: 'link' };
    const id = this.closestTitle(story.title, accept);
    return id === undefined ? undefined : { id, by: 'title' };
  }

  /** The held title most like `title` (ties: the smaller id), among the title index's candidates. */
  private closestTitle(title: string, accept: (id: string) => boolean): string | undefined {
    const tokens = titleTokens(title);
    const n = tokens.length;
    if (n === 0) return undefined;
    const mine = new Set(tokens);
    let best: string | undefined;
    let bestScore = 0;
    for (const id of this.titles.candidates(tokens)) {
      const theirs = this.entries.get(id)?.tokens ?? [];
      let shared = 0;
      for (const x of theirs) if (mine.has(x)) shared++;
      const score = shared / (n + theirs.length - shared);
      if (score >= TITLE_SIMILARITY && (score > bestScore || (score === bestScore && best !== undefined && id < best)) && accept(id)) {
        best = id;
        bestScore = score;
      }
    }
    return best;
  }
}
