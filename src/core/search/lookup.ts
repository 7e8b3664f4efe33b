/**
 * Lookup: search the library as the reader types. MiniSearch does the indexing (prefix matching on
 * the word being typed, light fuzziness, field boosts); this module decides what is indexed and turns
 * hits into results the popup can show: the story, and a snippet with the matched words marked.
 */
import MiniSearch from 'minisearch';
import { storyHeader, type Story, type StoryHeader } from '../story/model';
import { ReadBudget } from '../text/budget';
import type { Steps } from '../text/steps';
import { fold } from '../text/tokens';

export interface Highlighted {
  text: string;
  /** [start, end) character ranges of `text` to mark. */
  marks: [number, number][];
}

export interface LookupResult {
  id: string;
  title: Highlighted;
  /** Where the words were found, when not (only) in the title. */
  snippet: Highlighted | null;
  articleCount: number;
  updated: string | null;
  score: number;
}

interface IndexedDoc {
  id: string;
  title: string;
  summary: string;
  articles: string;
  timeline: string;
}

const FIELDS = ['title', 'summary', 'articles', 'timeline'] as const;

/**
 * What is indexed of a story: its texts in reading order up to the read budget (text/budget.ts), as
 * the claim steps read it. A valid story of megabytes would otherwise be tokenized whole on the
 * first search, holding the background for seconds; every dev story is read whole.
 */
function toDoc(s: Story): IndexedDoc {
  const budget = new ReadBudget();
  const read = (texts: Iterable<string>) => {
    const kept: string[] = [];
    for (const t of texts) {
      if (budget.spent) break;
      kept.push(budget.take(t));
    }
    return kept.join(' ');
  };
  return {
    id: s.id,
    title: read([s.title]),
    summary: read(s.summary.map((x) => `${x.heading} ${x.text}`)),
    articles: read([...s.articles.map((a) => `${a.outlet} ${a.title}`), ...s.sources.map((x) => `${x.outlet} ${x.title}`)]),
    timeline: read(s.timeline.map((e) => e.text)),
  };
}

/** Case, accent and dash folding shared by the index and the highlighter. */
const normalise = (term: string) => fold(term).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

export class Lookup {
  private readonly index = new MiniSearch<IndexedDoc>({
    fields: [...FIELDS],
    storeFields: [],
    processTerm: (term) => normalise(term) || null,
    searchOptions: { boost: { title: 3, articles: 1.5, summary: 1, timeline: 0.7 }, combineWith: 'AND' },
  });
  private readonly stories = new Map<string, Story>();

  constructor(stories: Iterable<Story> = []) {
    for (const s of stories) this.add(s);
  }

  /** A lookup over `stories` built a story a step, so that a background building it for a large library can pause between stories. */
  static *buildSteps(stories: Iterable<Story>): Steps<Lookup> {
    const lookup = new Lookup();
    for (const s of stories) {
      lookup.add(s);
      yield;
    }
    return lookup;
  }

  get size(): number {
    return this.stories.size;
  }

  add(story: Story): void {
    if (this.stories.has(story.id)) this.remove(story.id);
    this.stories.set(story.id, story);
    this.index.add(toDoc(story));
  }

  remove(id: string): void {
    if (!this.stories.has(id)) return;
    this.index.discard(id);
    this.stories.delete(id);
  }

  /** Stories whose words match every word of the query; the last word may be a prefix. */
  search(query: string, limit = 20): LookupResult[] {
    const q = query.trim();
    if (!q) return [];
    const hits = this.index.search(q, {
      prefix: (_term, i, terms) => i === terms.length - 1 && _term.length >= 2,
      fuzzy: (term) => (term.length > 5 ? 0.15 : false),
    });
    return hits.slice(0, limit).flatMap((hit) => {
      const story = this.stories.get(String(hit.id));
      if (!story) return [];
      const words = hit.terms;
      const title = highlight(story.title, words);
      const snippet = title.marks.length >= new Set(hit.queryTerms).size ? null : bestSnippet(story, words);
      return [{ id: story.id, title, snippet, articleCount: story.articleCount, updated: story.updated ?? null, score: hit.score }];
    });
  }

  /** The most recently updated stories, for the empty search box. */
  recent(limit = 8): StoryHeader[] {
    return [...this.stories.values()]
      .sort((a, b) => (b.updated ?? '').localeCompare(a.updated ?? ''))
      .slice(0, limit)
      .map(storyHeader);
  }
}

/** Marks every word of `text` whose folded form is one of `terms`. */
export function highlight(text: string, terms: readonly string[]): Highlighted {
  const wanted = new Set(terms.map(normalise));
  const marks: [number, number][] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’‑-]*/gu)) {
    const word = normalise(m[0]);
    if (wanted.has(word) || [...wanted].some((t) => t.length >= 3 && word.startsWith(t))) marks.push([m.index, m.index + m[0].length]);
  }
  return { text, marks };
}

/** A window of text around the densest run of matched words, from the story's summary, timeline or articles. */
function bestSnippet(story: Story, terms: readonly string[]): Highlighted | null {
  const candidates = [
    ...story.summary.flatMap((s) => s.sentences.map((x) => x.text)),
    ...story.timeline.map((e) => e.text),
    ...story.articles.map((a) => `${a.outlet}: ${a.title}`),
  ];
  // Only as far as the index read the story (toDoc): the words were found there.
  const budget = new ReadBudget();
  let best: Highlighted | null = null;
  for (const c of candidates) {
    if (budget.spent) break;
    const h = highlight(budget.take(c), terms);
    if (h.marks.length > (best?.marks.length ?? 0)) best = h;
  }
  return best ? clipAround(best, 160) : null;
}

function clipAround(h: Highlighted, max: number): Highlighted {
  if (h.text.length <= max) return h;
  const first = h.marks[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - 40, h.text.length - max));
  const end = Math.min(h.text.length, start + max);
  const prefix = start > 0 ? '…' : '';
  const text = `${prefix}${h.text.slice(start, end)}${end < h.text.length ? '…' : ''}`;
  const marks = h.marks.filter(([a, b]) => a >= start && b <= end).map(([a, b]): [number, number] => [a - start + prefix.length, b - start + prefix.length]);
  return { text, marks };
}
