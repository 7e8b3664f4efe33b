/**
 * Peers for the match benchmark: MiniSearch, FlexSearch, Fuse.js and a plain BM25 over headlines.
 *
 * Each indexes one document per story (story title + its distinct article and source titles, plus
 * summary text where a config asks for it), is queried with the page title, and proposes its top hit.
 * None has a calibrated confidence, so each gets the same style of abstention as the Matcher: accept
 * the top hit only if its evidence passes a threshold, chosen (with the config) to maximise correct
 * decisions on the dev split — the split the Matcher was tuned on.
 *
 * A hit carries two keys; the decision is `keys[0] >= t[0] && keys[1] >= t[1]`:
 *   BM25, MiniSearch: [score, 0]                      accept if score ≥ t
 *   Fuse.js:          [−score, 0]                     accept if distance ≤ t (Fuse: 0 perfect, 1 none)
 *   FlexSearch:       [matched terms, matched share]  it returns only ids in rank order, so: accept if
 *                     the top story holds ≥ t query terms (after FlexSearch's own encoder) and ≥ t2 of them
 */
import MiniSearch from 'minisearch';
import { Charset, Index, type Encoders, type EncoderOptions, type Tokenizer } from 'flexsearch';
import Fuse, { type IFuseOptions } from 'fuse.js';
import type { Story } from '../src/core/story/model';

export interface Hit {
  /** Index of the story in the array given to build(). */
  doc: number;
  keys: [number, number];
}

export interface Peer {
  build(stories: readonly Story[]): void;
  top(title: string): Hit | null;
  /** Bytes of the peer's own serialised index. */
  serializedBytes(): number;
}

export interface PeerConfig {
  label: string;
  make(): Peer;
}

export interface PeerSpec {
  name: string;
  /** How the abstention threshold reads, for the footnote. */
  describe(t: [number, number]): string;
  configs: PeerConfig[];
  /** Two-key thresholds worth trying (FlexSearch); others tune keys[0] only. */
  twoKeys?: boolean;
}

/** A generic English stop list (not Storylens's tokenizer: the peers get no help from the product). */
export const STOP = new Set(
  'a an and are as at be been but by for from has have had he her his i in into is it its of on or our she that the their them there these they this those to was were will with would you your we not no after before over under about than then so if while amid says said say new more also just can could may might up out what when where who which how why all any some one two via vs'.split(' '),
);

/** The headlines of a story, distinct, title first. */
export function headlines(s: Story): string[] {
  return [...new Set([s.title, ...s.articles.map((a) => a.title), ...s.sources.map((x) => x.title)])];
}

export function summaryText(s: Story): string {
  return [...s.summary.map((x) => `${x.heading} ${x.text}`), ...s.timeline.map((e) => e.text)].join(' ');
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

// ---------------------------------------------------------------------------------------------------
// Plain BM25 over story headlines (k1 1.2, b 0.75, lower-case words, stop words out, top-1).

const words = (text: string) => (text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !STOP.has(w));

export class Bm25 implements Peer {
  private postings = new Map<string, { docs: number[]; tfs: number[] }>();
  private lengths: number[] = [];
  private avg = 1;
  private scores = new Float64Array(0);
  constructor(private readonly k1 = 1.2, private readonly b = 0.75) {}
  build(stories: readonly Story[]): void {
    stories.forEach((s, d) => {
      const tf = new Map<string, number>();
      const toks = headlines(s).flatMap(words);
      for (const t of toks) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [t, n] of tf) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = { docs: [], tfs: [] }));
        p.docs.push(d);
        p.tfs.push(n);
      }
      this.lengths.push(toks.length);
    });
    this.avg = this.lengths.reduce((a, b) => a + b, 0) / (this.lengths.length || 1) || 1;
    this.scores = new Float64Array(this.lengths.length);
  }
  top(title: string): Hit | null {
    const n = this.lengths.length;
    const touched: number[] = [];
    for (const t of new Set(words(title))) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = Math.log(1 + (n - p.docs.length + 0.5) / (p.docs.length + 0.5));
      for (let i = 0; i < p.docs.length; i++) {
        const d = p.docs[i] as number, tf = p.tfs[i] as number;
        if (this.scores[d] === 0) touched.push(d);
        this.scores[d] = (this.scores[d] as number) + (idf * tf * (this.k1 + 1)) / (tf + this.k1 * (1 - this.b + (this.b * (this.lengths[d] as number)) / this.avg));
      }
    }
    let best: Hit | null = null;
    for (const d of touched) {
      const s = this.scores[d] as number;
      if (!best || s > best.keys[0]) best = { doc: d, keys: [s, 0] };
      this.scores[d] = 0;
    }
    return best;
  }
  serializedBytes(): number {
    return bytes(JSON.stringify({ postings: [...this.postings], lengths: this.lengths }));
  }
}

// ---------------------------------------------------------------------------------------------------
// MiniSearch (BM25+ over fields title / headlines / summary).

export interface MiniConfig {
  titleBoost: number;
  summary: number;
  fuzzy: number;
  prefix: boolean;
  stop: boolean;
}

export class Mini implements Peer {
  private ms: MiniSearch<{ id: number; title: string; heads: string; summary: string }> | null = null;
  constructor(private readonly c: MiniConfig) {}
  build(stories: readonly Story[]): void {
    const fields = this.c.summary > 0 ? ['title', 'heads', 'summary'] : ['title', 'heads'];
    this.ms = new MiniSearch({
      fields,
      idField: 'id',
      storeFields: [],
      ...(this.c.stop ? { processTerm: (t: string) => (STOP.has(t.toLowerCase()) ? null : t.toLowerCase()) } : {}),
      searchOptions: {
        boost: { title: this.c.titleBoost, heads: 1, summary: this.c.summary },
        fuzzy: this.c.fuzzy,
        prefix: this.c.prefix,
        combineWith: 'OR',
      },
    });
    this.ms.addAll(stories.map((s, id) => ({ id, title: s.title, heads: headlines(s).slice(1).join('\n'), summary: this.c.summary > 0 ? summaryText(s) : '' })));
  }
  top(title: string): Hit | null {
    const r = (this.ms as MiniSearch).search(title)[0];
    return r ? { doc: r.id as number, keys: [r.score, 0] } : null;
  }
  serializedBytes(): number {
    return bytes(JSON.stringify(this.ms));
  }
}

// ---------------------------------------------------------------------------------------------------
// FlexSearch 0.8 (Index, one string per story: title, headlines, [summary]; OR query via suggest).

export interface FlexConfig {
  tokenize: Tokenizer;
  encoder: 'Default' | 'LatinBalance' | 'LatinAdvanced';
  context: boolean;
  summary: boolean;
}

export class Flex implements Peer {
  private idx: Index | null = null;
  private stories: readonly Story[] = [];
  constructor(private readonly c: FlexConfig) {}
  private text(s: Story): string {
    return [...headlines(s), ...(this.c.summary ? [summaryText(s)] : [])].join('. ');
  }
  build(stories: readonly Story[]): void {
    this.stories = stories;
    const encoder: EncoderOptions | Encoders = Charset[this.c.encoder];
    this.idx = new Index({ tokenize: this.c.tokenize, encoder, resolution: 9, context: this.c.context });
    stories.forEach((s, i) => (this.idx as Index).add(i, this.text(s)));
  }
  /** FlexSearch returns ids only: the evidence is how many of the query's terms the top story holds. */
  top(title: string): Hit | null {
    const idx = this.idx as Index;
    const ids = idx.search(title, { limit: 1, suggest: true });
    const doc = ids[0] as number | undefined;
    if (doc === undefined) return null;
    const enc = (idx as unknown as { encoder: { encode(s: string): string[] } }).encoder;
    const q = [...new Set(enc.encode(title))];
    const have = new Set(enc.encode(this.text(this.stories[doc] as Story)));
    const got = q.filter((t) => have.has(t)).length;
    return { doc, keys: [got, q.length ? got / q.length : 0] };
  }
  serializedBytes(): number {
    let n = 0;
    (this.idx as Index).export((key: string, data: string) => {
      n += bytes(key) + bytes(data ?? '');
    });
    return n;
  }
}

// ---------------------------------------------------------------------------------------------------
// Fuse.js 7 (keys: title ×2, headlines array; classic Bitap or token search with IDF weighting).

export interface FuseConfig {
  token: boolean;
  threshold: number;
}

type FuseDoc = { title: string; heads: string[] };

export class FusePeer implements Peer {
  private fuse: Fuse<FuseDoc> | null = null;
  constructor(private readonly c: FuseConfig) {}
  build(stories: readonly Story[]): void {
    const opts: IFuseOptions<FuseDoc> = {
      keys: [
        { name: 'title', weight: 2 },
        { name: 'heads', weight: 1 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold: this.c.threshold,
      useTokenSearch: this.c.token,
    };
    this.fuse = new Fuse(
      stories.map((s) => ({ title: s.title, heads: headlines(s).slice(1) })),
      opts,
    );
  }
  top(title: string): Hit | null {
    const r = (this.fuse as Fuse<FuseDoc>).search(title, { limit: 1 })[0];
    return r ? { doc: r.refIndex, keys: [-(r.score ?? 1), 0] } : null;
  }
  serializedBytes(): number {
    return bytes(JSON.stringify((this.fuse as Fuse<FuseDoc>).getIndex().toJSON()));
  }
}

// ---------------------------------------------------------------------------------------------------
// The configurations each peer is tuned over (on the dev split, like the Matcher).

const product = <T>(axes: { [K in keyof T]: T[K][] }): T[] =>
  Object.entries(axes).reduce<Record<string, unknown>[]>((acc, [k, vs]) => acc.flatMap((a) => (vs as unknown[]).map((v) => ({ ...a, [k]: v }))), [{}]) as T[];

export const PEERS: PeerSpec[] = [
  {
    name: 'plain BM25 (headlines)',
    describe: (t) => `score ≥ ${t[0].toFixed(2)}`,
    configs: [{ label: 'k1 1.2, b 0.75, stop words', make: () => new Bm25() }],
  },
  {
    name: 'MiniSearch 7',
    describe: (t) => `score ≥ ${t[0].toFixed(2)}`,
    // prefix search was also tried (16 more configs): each scored below the same config without it (dev).
    configs: product<MiniConfig>({ titleBoost: [1, 2], summary: [0, 0.25], fuzzy: [0, 0.2], prefix: [false], stop: [false, true] }).map((c) => ({
      label: `title boost ${c.titleBoost}, summary ${c.summary ? `boost ${c.summary}` : 'off'}, fuzzy ${c.fuzzy}, prefix ${c.prefix ? 'on' : 'off'}, stop words ${c.stop ? 'on' : 'off'}, OR`,
      make: () => new Mini(c),
    })),
  },
  {
    name: 'FlexSearch 0.8',
    twoKeys: true,
    describe: (t) => `top story holds ≥ ${t[0]} query terms and ≥ ${(t[1] * 100).toFixed(0)}% of them`,
    // context: true was also tried (12 more configs): same or lower dev score except one strict-tokenizer
    // config (0.774 vs 0.762), and never near the best config (0.804).
    configs: product<FlexConfig>({ tokenize: ['strict', 'forward'], encoder: ['Default', 'LatinBalance', 'LatinAdvanced'], context: [false], summary: [false, true] }).map((c) => ({
      label: `tokenize ${c.tokenize}, encoder ${c.encoder}, context ${c.context ? 'on' : 'off'}, summary ${c.summary ? 'on' : 'off'}, suggest (OR)`,
      make: () => new Flex(c),
    })),
  },
  {
    name: 'Fuse.js 7',
    describe: (t) => `distance ≤ ${(-t[0]).toFixed(3)}`,
    // Also tried while writing this benchmark (dev mean correct): classic Bitap threshold 0.3 → 0.564,
    // token search threshold 0.6 → 0.286. Left out of the grid: Fuse.js is slow (10–30 ms a query even
    // on a 38-story library) and the run must stay under ~4 minutes.
    configs: [
      { token: false, threshold: 0.6 },
      { token: true, threshold: 0.3 },
    ].map((c: FuseConfig) => ({
      label: `${c.token ? 'token search (IDF)' : 'classic Bitap'}, threshold ${c.threshold}, ignoreLocation, keys title×2 + headlines`,
      make: () => new FusePeer(c),
    })),
  },
];
