/**
 * Part-of-speech tagging for the claims layer, through `compromise`: a clause becomes words with
 * their tags and their place in the clause, so that the reading of attributions and questions can
 * slice the original text rather than compromise's normalised copy.
 */
import nlp from 'compromise';

export interface Word {
  text: string;
  /** Lower case, without punctuation. */
  norm: string;
  tags: ReadonlySet<string>;
  /** Where the word starts and ends in the clause. */
  start: number;
  end: number;
  /** Punctuation and space written after the word (",", "; ", "” "). */
  post: string;
  /** … and before it (an opening quote). */
  pre: string;
}

/**
 * Clauses tagged lately, most recent last: tagging is most of what reading a story's disputes costs,
 * and a story read again (a feed's next edition, a re-import) repeats most of its clauses.
 */
const recent = new Map<string, readonly Word[]>();
const RECENT = 4_000;

/** Whether compromise has tagged in this context (its networks are built): `warmUpSteps` then has nothing to do. */
let warm = false;

/** The words of a clause, tagged (shared and read-only: callers must not change them). */
export function tag(clause: string): readonly Word[] {
  const hit = recent.get(clause);
  if (hit) {
    recent.delete(clause);
    recent.set(clause, hit);
    return hit;
  }
  const words = tagAlone(clause);
  remember(clause, words);
  return words;
}

/**
 * Tags many clauses at once, ahead of reading them: compromise's fixed cost per call is about half of
 * what tagging a short clause costs, so one call over a story's clauses (one per line: compromise ends
 * a sentence at a line break, so each clause is tagged as if alone) is about twice as fast. A clause
 * whose words do not come back within its own line is tagged alone.
 */
export function tagAhead(clauses: readonly string[]): void {
  const todo = [...new Set(clauses.filter((c) => !recent.has(c) && !c.includes('\n')))].slice(-RECENT);
  if (todo.length < 2) return;
  const starts: number[] = [];
  let length = 0;
  for (const c of todo) {
    starts.push(length);
    length += c.length + 1;
  }
  const text = todo.join('\n');
  const words: Word[][] = todo.map(() => []);
  warm = true;
  const apart = new Set<number>();
  let at = 0;
  let i = 0;
  for (const sentence of nlp(text).docs) {
    for (const t of sentence) {
      const start = at + t.pre.length;
      const end = start + t.text.length;
      at = end + t.post.length;
      while (i + 1 < todo.length && start >= (starts[i + 1] as number)) i++;
      const from = starts[i] as number;
      const to = from + (todo[i] as string).length;
      // A word across a line break: the clauses were not kept apart; both are tagged alone below.
      if (end > to) {
        apart.add(i).add(i + 1);
        continue;
      }
      const pre = t.pre.slice(Math.max(0, from - (start - t.pre.length)));
      const post = t.post.slice(0, Math.max(0, to - end));
      words[i]?.push({ text: t.text, norm: normOf(t.normal), tags: t.tags ?? new Set(), start: start - from, end: end - from, post, pre });
    }
  }
  todo.forEach((c, k) => {
    const w = words[k] as Word[];
    // Kept only when the words read back as the clause: same text at the same places.
    const exact = !apart.has(k) && w.length > 0 && w.every((x) => c.slice(x.start, x.end) === x.text);
    remember(c, exact ? w : tagAlone(c));
  });
}

function remember(clause: string, words: readonly Word[]): void {
  recent.set(clause, words);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value as string);
}

const normOf = (normal: string) => normal.replace(/[^\p{L}\p{N}'’\u2010-\u2015-]/gu, '');

/** One clause tagged by itself, past the cache. */
export function tagAlone(clause: string): Word[] {
  warm = true;
  const out: Word[] = [];
  let at = 0;
  for (const sentence of nlp(clause).docs) {
    for (const t of sentence) {
      const start = at + t.pre.length;
      const end = start + t.text.length;
      out.push({ text: t.text, norm: normOf(t.normal), tags: t.tags ?? new Set(), start, end, post: t.post, pre: t.pre });
      at = end + t.post.length;
    }
  }
  return out;
}

/**
 * compromise as it is reached from here: its post-tagger's match patterns and the parser of match
 * syntax, both public (`nlp.model()`, `nlp.methods()`; plugins replace methods the same way).
 */
interface Patterns {
  two: { matches: { match: string; notIf?: string }[] };
}
type ParseMatch = (input: unknown, opts?: object, world?: unknown) => unknown;
interface Methods {
  one: { parseMatch: ParseMatch };
}
/** What the parser reads of the world it is given (compromise passes a copy with the same model and methods). */
interface World {
  model: unknown;
  methods: unknown;
}

/** Patterns parsed per step of `warmUpSteps`: about 2 ms of a cold parser in Node. */
const PATTERNS_STEP = 50;

/**
 * compromise's first call in a worker's life, in steps. That call builds the post-tagger's network
 * from its 570 match patterns, each parsed from match syntax (about 60 of the first call's ~90 ms in
 * Node, one task of ~150 ms in a loaded service worker), then runs code not yet compiled; its first
 * verb conjugation builds the chunker's network. Here the patterns are parsed PATTERNS_STEP at a
 * step, kept for the network's one build, and the first tagging and the first conjugation are each a
 * step of their own on a few words. Nothing when compromise was used already: a worker that never
 * reads a dispute never pays it.
 *
 * The network built is the same: the parser is compromise's own, called as its network build calls
 * it (no options, the same world), and it is put back once the network is built.
 */
export function* warmUpSteps(): Generator<void> {
  if (warm) return;
  const methods = nlp.methods() as Methods;
  const parse = methods.one.parseMatch;
  const world = nlp.world() as World;
  const ready = new Map<string, unknown[]>();
  const keep = (syntax: string) => {
    const parsed = parse(syntax, {}, world);
    const queue = ready.get(syntax);
    if (queue) queue.push(parsed);
    else ready.set(syntax, [parsed]);
  };
  const patterns = (nlp.model() as Patterns).two.matches;
  for (let i = 0; i < patterns.length; i += PATTERNS_STEP) {
    for (const p of patterns.slice(i, i + PATTERNS_STEP)) {
      keep(p.match);
      if (typeof p.notIf === 'string') keep(p.notIf);
    }
    yield;
  }
  if (warm) return;
  // Each parse kept is handed out once, to a call exactly like the one that made it.
  const sameWorld = (w: unknown) => typeof w === 'object' && w !== null && (w as World).model === world.model && (w as World).methods === world.methods;
  methods.one.parseMatch = (input, opts, w) => {
    const queue = typeof input === 'string' && opts !== undefined && Object.keys(opts).length === 0 && sameWorld(w) ? ready.get(input) : undefined;
    return queue?.length ? queue.shift() : parse(input, opts, w);
  };
  try {
    tagAlone('It says so.');
  } finally {
    methods.one.parseMatch = parse;
  }
  warm = true;
  yield;
  infinitive('denied it');
}

export const isVerb = (w: Word) => w.tags.has('Verb') || w.tags.has('Gerund');
export const isPronoun = (w: Word) => w.tags.has('Pronoun');

/**
 * Verb phrases conjugated lately (`pastTense`, `infinitive`): each call parses the phrase anew, and
 * the disputes ask again for the same phrases (every candidate claim is scored by its question,
 * a story read again repeats them); a pure function of the phrase, so the answer is kept.
 */
function conjugated(convert: (phrase: string) => string): (phrase: string) => string {
  const kept = new Map<string, string>();
  return (phrase) => {
    let out = kept.get(phrase);
    if (out === undefined) {
      out = convert(phrase);
      kept.set(phrase, out);
      if (kept.size > RECENT) kept.delete(kept.keys().next().value as string);
    }
    return out;
  };
}

/** The lemma of a verb phrase's head and the phrase in the past tense ("breaking the pause" → "broke the pause"). */
export const pastTense = conjugated((phrase) => {
  const doc = nlp(phrase);
  const first = doc.verbs(0);
  if (!first.found) return phrase;
  first.toPastTense();
  return doc.text();
});

/** The infinitive of the first verb of a phrase ("breaking the pause" → "break the pause"). */
export const infinitive = conjugated((phrase) => {
  const doc = nlp(phrase);
  const first = doc.verbs(0);
  if (!first.found) return phrase;
  first.toInfinitive();
  return doc.text();
});

/** Is the head noun of a noun phrase plural ("the changes" yes, "Israel's move" no)? */
export function isPluralPhrase(phrase: string): boolean {
  // The head of an English noun phrase is its last noun before any "of"/"in" complement.
  const words = tag(phrase.split(/\s+(?:of|in|on|for|with|from)\s+/i)[0] ?? phrase);
  // A noun phrase ends with its head; out of context the tagger may read a plural there as a verb ("moves").
  const head = words.at(-1);
  return !!head && (head.tags.has('Plural') || (/[^su']s$/i.test(head.text) && !head.tags.has('Singular') && !head.tags.has('Possessive')));
}
