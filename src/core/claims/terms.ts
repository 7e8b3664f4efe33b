/**
 * Terms: the words of a claim or of a passage of evidence, as alignment needs them. Each keeps its
 * match key (the tokenizer's stemmed form, so "strikes" meets "strike"), its lemma (for the
 * lexicon's synonyms and opposites), whether it is written as a name (capitalised inside a
 * sentence), whether a negation governs it, whether it sits inside a quotation, and its clause.
 *
 * Scope is kept deliberately local: a "not" negates the words that follow it up to the end of its
 * clause, and a quotation is someone else's words, so a negation inside one does not flip the
 * sentence around it.
 */
import { fold, wordTokens } from '../text/tokens';
import { lemma } from './lexicon';

export interface Term {
  /** Folded word as written, possessive dropped ("exports", "governor"). */
  word: string;
  /** Match keys (most words have one; "week-long" has two; stop words none). */
  keys: readonly string[];
  lemma: string;
  /** Written capitalised where a sentence does not begin: a name or part of one. */
  name: boolean;
  /** A negation ("not", "no", "never", "n't", "without") governs it. */
  negated: boolean;
  quoted: boolean;
  clause: number;
  /** Position among the text's words. */
  index: number;
  /** Offset of the word in the text. */
  start: number;
  /** How much the word counts in coverage (set for a claim's words by their part of speech). */
  weight?: number;
}

const WORD = /[\p{L}\p{N}]+(?:['’.\u2010-\u2015-][\p{L}\p{N}]+)*/gu;
const NEGATORS = new Set(['not', 'no', 'never', 'without', 'nor', 'neither', 'none', 'nobody', 'nothing', "n't", 'cannot']);
/** Words that end a negation's reach (a new clause or a contrast). */
const CLAUSE_WORDS = new Set(['while', 'whereas', 'but', 'although', 'though', 'because', 'after', 'before', 'when', 'which', 'who', 'that', 'where', 'as', 'since', 'until', 'unless', 'if', 'according']);
/** "without" negates its own object ("without heat"), not the rest of the clause. */
const SHORT_REACH: Record<string, number> = { without: 2 };
const QUOTES = /[“”"]/;
/** Months and weekdays are capitalised but are dates, not names. */
const CALENDAR = /^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

/** Is this (folded) word a negation? "didn't", "won't", "cannot" are. */
function isNegator(word: string): boolean {
  return NEGATORS.has(word) || /n['’]t$/.test(word);
}

/** Match keys of a word and of its lemma ("died" meets "dead" through "die"), the word's own first. */
function keysOf(word: string, base: string): readonly string[] {
  const own = wordTokens(word);
  if (base === word || base.includes(' ')) return own;
  const more = wordTokens(base).filter((k) => !own.includes(k));
  return more.length && own.length === 1 ? [...own, ...more] : own;
}

/** The terms of a text, in order. */
export function termsOf(text: string): Term[] {
  const out: Term[] = [];
  let clause = 0;
  let negation = false;
  /** Words a short-reach negation still governs. */
  let reach = Number.POSITIVE_INFINITY;
  let quoted = false;
  let last = 0;
  let sentenceStart = true;
  for (const m of text.matchAll(WORD)) {
    const start = m.index ?? 0;
    const between = text.slice(last, start);
    // Punctuation between words: clause breaks, quotes opening or closing, sentence ends.
    // A comma does not end a negation's reach ("has not issued a broad, formal announcement").
    if (/[;:—–()]|\s[-–—]\s/.test(between)) {
      clause++;
      negation = false;
    } else if (between.includes(',')) clause++;
    // "Civil liberties: Opponents said…": a capital after a colon opens a sentence.
    if (/:\s*$/.test(between)) sentenceStart = true;
    for (const ch of between) if (QUOTES.test(ch)) quoted = ch === '“' ? true : ch === '”' ? false : !quoted;
    if (/[.!?]\s*$/.test(between.trim()) || /[.!?]["”’)]?\s/.test(between)) {
      sentenceStart = true;
      clause++;
      negation = false;
    }
    const raw = m[0];
    last = start + raw.length;
    const word = fold(raw).replace(/'s$/, '');
    if (CLAUSE_WORDS.has(word)) {
      clause++;
      negation = false;
    }
    const negator = isNegator(word);
    const first = /^\p{L}/u.test(raw) ? raw.charAt(0) : '';
    const name = !sentenceStart && first !== '' && first === first.toUpperCase() && first !== first.toLowerCase() && !CALENDAR.test(word);
    if (negation && !negator && reach-- <= 0) negation = false;
    const base = lemma(word.replace(/'/g, ''));
    out.push({
      word,
      keys: negator ? [] : keysOf(word, base),
      lemma: base,
      name,
      negated: negation && !negator,
      quoted,
      clause,
      index: out.length,
      start,
    });
    if (negator) {
      negation = true;
      reach = SHORT_REACH[word] ?? Number.POSITIVE_INFINITY;
    }
    sentenceStart = false;
  }
  return out;
}
