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

/** The words of a clause, tagged (shared and read-only: callers must not change them). */
export function tag(clause: string): readonly Word[] {
  const hit = recent.get(clause);
  if (hit) {
    recent.delete(clause);
    recent.set(clause, hit);
    return hit;
  }
  const words = tagNow(clause);
  recent.set(clause, words);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value as string);
  return words;
}

function tagNow(clause: string): Word[] {
  const out: Word[] = [];
  let at = 0;
  for (const sentence of nlp(clause).docs) {
    for (const t of sentence) {
      const start = at + t.pre.length;
      const end = start + t.text.length;
      out.push({ text: t.text, norm: t.normal.replace(/[^\p{L}\p{N}'’\u2010-\u2015-]/gu, ''), tags: t.tags ?? new Set(), start, end, post: t.post, pre: t.pre });
      at = end + t.post.length;
    }
  }
  return out;
}

export const isVerb = (w: Word) => w.tags.has('Verb') || w.tags.has('Gerund');
export const isPronoun = (w: Word) => w.tags.has('Pronoun');

/** The lemma of a verb phrase's head and the phrase in the past tense ("breaking the pause" → "broke the pause"). */
export function pastTense(phrase: string): string {
  const doc = nlp(phrase);
  const first = doc.verbs(0);
  if (!first.found) return phrase;
  first.toPastTense();
  return doc.text();
}

/** The infinitive of the first verb of a phrase ("breaking the pause" → "break the pause"). */
export function infinitive(phrase: string): string {
  const doc = nlp(phrase);
  const first = doc.verbs(0);
  if (!first.found) return phrase;
  first.toInfinitive();
  return doc.text();
}

/** Is the head noun of a noun phrase plural ("the changes" yes, "Israel's move" no)? */
export function isPluralPhrase(phrase: string): boolean {
  // The head of an English noun phrase is its last noun before any "of"/"in" complement.
  const words = tag(phrase.split(/\s+(?:of|in|on|for|with|from)\s+/i)[0] ?? phrase);
  // A noun phrase ends with its head; out of context the tagger may read a plural there as a verb ("moves").
  const head = words.at(-1);
  return !!head && (head.tags.has('Plural') || (/[^su']s$/i.test(head.text) && !head.tags.has('Singular') && !head.tags.has('Possessive')));
}
