/**
 * Sentence splitting and inline citations (`[3]`, `[1][6][8]`), shared by the importers and, later,
 * by the claim extractor. Citations are kept exactly as written: numbers are never renumbered here.
 */

export interface CitedSentence {
  text: string;
  citations: number[];
}

/** Abbreviations after which a full stop does not end a sentence. Lower-case, without the dot. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'pres',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'no', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'jr', 'sr', 'approx', 'est', 'dept', 'univ', 'mt', 'ft',
]);

const NUMERIC_CITATION = /\[(\d{1,4})\]/g;

/** Pulls `[n]` markers out of a piece of text. */
export function extractNumericCitations(text: string): CitedSentence {
  const citations: number[] = [];
  const stripped = text.replace(NUMERIC_CITATION, (_m, n: string) => {
    citations.push(Number(n));
    return '';
  });
  return { text: tidy(stripped), citations };
}

/** Collapses white space and removes the gaps that removed citation markers leave before punctuation. */
export function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,;:!?)\]”’])/g, '$1')
    .trim();
}

/**
 * Splits prose into sentences. A sentence ends at `.`, `!` or `?` (optionally followed by a closing
 * quote and by citation markers) when white space and an upper-case letter, digit or opening quote
 * follow, unless the full stop belongs to an abbreviation (`U.S.`, `Feb.`, `Mr.`) or a decimal.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const src = text.replace(/\s+/g, ' ').trim();
  let start = 0;
  const re = /[.!?]["”’)]?((?:\s*\[[^\]\n]{1,80}\])*)(?=\s+["“‘(]?[\p{Lu}\d])/gu;
  for (let m = re.exec(src); m; m = re.exec(src)) {
    const end = m.index + m[0].length;
    if (src[m.index] === '.' && isAbbreviation(src, m.index)) continue;
    out.push(src.slice(start, end).trim());
    start = end;
  }
  const rest = src.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

function isAbbreviation(src: string, dot: number): boolean {
  const before = src.slice(Math.max(0, dot - 12), dot);
  // Initialisms: U.S. / U.K. / D.C. (a single letter before the dot, itself after a dot or space)
  if (/(^|[\s.(])\p{L}$/u.test(before)) return true;
  const word = /([\p{L}]+)$/u.exec(before)?.[1];
  return word !== undefined && ABBREVIATIONS.has(word.toLowerCase());
}

/** Splits prose into sentences and pulls each sentence's `[n]` citations out. */
export function citedSentences(text: string): CitedSentence[] {
  return splitSentences(text)
    .map(extractNumericCitations)
    .filter((s) => s.text.length > 0);
}

/** Distinct values in first-seen order. */
export function unique<T>(xs: Iterable<T>): T[] {
  return [...new Set(xs)];
}
