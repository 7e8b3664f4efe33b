/**
 * What the stage-2 re-ranking of claim retrieval measures of a text and a fact-check: word pairs,
 * character 4-grams, names, longest shared runs, cosine of weighted vectors.
 */
import { fold } from '../text/tokens';
import { claimTerms } from './query';

/** A fact-check about a tweet. */
export const TWEET_WORDS = /\b(?:tweet\w*|twitter)\b/i;
export const SURFACE = /[\p{L}\p{N}]+/gu;
export const YEAR = /\b(1[89]\d\d|20\d\d)\b/g;
export const isNumber = (t: string) => t.charCodeAt(0) >= 48 && t.charCodeAt(0) <= 57;

export function pairsOf(tokens: readonly string[], into = new Set<string>()): Set<string> {
  for (let i = 0; i + 1 < tokens.length; i++) {
    into.add(`${tokens[i]} ${tokens[i + 1]}`);
    if (i + 2 < tokens.length) into.add(`${tokens[i]} ${tokens[i + 2]}`);
  }
  return into;
}

/** Character 4-grams of each folded word, padded with spaces (" cat", "cat "). */
export function gramsOf(text: string, into = new Map<string, number>()): Map<string, number> {
  for (const m of fold(text).matchAll(SURFACE)) {
    const w = ` ${m[0]} `;
    for (let i = 0; i + 4 <= w.length; i++) {
      const g = w.slice(i, i + 4);
      into.set(g, (into.get(g) ?? 0) + 1);
    }
  }
  return into;
}

/** Terms of the capitalised words of a text that do not start a sentence: the names it mentions. */
export function entitiesOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(^|[.!?:"\u201c]\s*)?(\p{Lu}[\p{L}'\u2019.-]*)/gu)) {
    if (m[1] !== undefined) continue;
    for (const t of claimTerms(m[2] as string)) if (!isNumber(t)) out.add(t);
  }
  return out;
}

/** Length of the longest run of query terms that the document has in the same order. */
export function longestRun(query: readonly string[], doc: readonly string[]): number {
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

export function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [x, y] = a.size < b.size ? [a, b] : [b, a];
  let s = 0;
  for (const [k, w] of x) {
    const u = y.get(k);
    if (u !== undefined) s += w * u;
  }
  return s;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
