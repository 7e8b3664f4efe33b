/**
 * Tokenising for matching and claims: NFKC, case folding, unicode dashes and quotes folded, accents
 * removed, possessives dropped, a light English stemmer (plural and common suffixes), stop words out.
 * Numbers are kept as tokens ("70", "2026") since figures identify stories.
 */
import { FNV_OFFSET, fnvEnd, fnvStep, stringHash } from './hash';

const STOP = new Set(
  (
    'a an and are as at be been but by for from has have had he her his i in into is it its of on or our she ' +
    'that the their them there these they this those to was were will with would you your we not no after ' +
    'before over under about than then so if while amid says said say new more most also just can could may ' +
    'might up out what when where who whom which how why all any some one two three via vs per'
  ).split(' '),
);

/**
 * Words news copy uses interchangeably, folded to one token, and demonyms folded to their country,
 * so that "Russian strikes" meets "Russia's attack" and "massive barrage" meets "largest assault".
 * Keys are stemmed forms.
 */
const CONCEPTS: Record<string, string> = Object.fromEntries(
  Object.entries({
    attack: ['strike', 'barrage', 'assault', 'bombardment', 'raid', 'airstrike', 'shell'],
    large: ['largest', 'biggest', 'massive', 'huge', 'record', 'big', 'bigger', 'larger'],
    pause: ['ceasefire', 'cease-fire', 'truce', 'halt', 'moratorium'],
    kill: ['dead', 'death', 'die', 'slain', 'killed'],
    end: ['expire', 'expiry', 'expiration', 'lapse'],
    jan: ['january'],
    feb: ['february'],
    mar: ['march'],
    apr: ['april'],
    jun: ['june'],
    jul: ['july'],
    aug: ['august'],
    sep: ['september', 'sept'],
    oct: ['october'],
    nov: ['november'],
    dec: ['december'],
    say: ['claim', 'assert', 'state', 'insist'],
    ukraine: ['ukrainian'],
    russia: ['russian', 'kremlin', 'moscow'],
    us: ['america', 'american', 'usa', 'washington'],
    china: ['chinese', 'beijing'],
    britain: ['british', 'uk', 'london'],
    europe: ['european', 'eu'],
    israel: ['israeli'],
    iran: ['iranian'],
    canada: ['canadian'],
    mexico: ['mexican'],
    india: ['indian'],
    germany: ['german', 'berlin'],
    france: ['french', 'paris'],
    japan: ['japanese', 'tokyo'],
    nigeria: ['nigerian'],
    syria: ['syrian'],
    palestine: ['palestinian'],
  }).flatMap(([concept, words]) => words.map((w) => [w, concept])),
);

/** Folds a string for comparison: NFKC, lower case, no accents, plain dashes and apostrophes. */
export function fold(text: string): string {
  // Plain ASCII (most headlines) needs no Unicode normalisation.
  if (!NON_ASCII.test(text)) return text.toLowerCase().replace(/`/g, "'");
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u201b\u2032`]/g, "'");
}

/** A deliberately small suffix stripper: enough to meet "strikes"/"strike", "ceasefire's". */
export function stem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(ches|shes|sses|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith('ed') && !w.endsWith('eed')) w = w.slice(0, -2);
  return w;
}

const WORD = /[\p{L}\p{N}]+(?:['.-][\p{L}\p{N}]+)*/gu;

/** Tokens of one folded word; memoised, since a library's vocabulary repeats endlessly. */
const wordCache = new Map<string, readonly string[]>();
const NONE: readonly string[] = [];

export function wordTokens(word: string): readonly string[] {
  const hit = wordCache.get(word);
  if (hit) return hit;
  let w = word;
  // "u.s." → "us"; "week-long" → "week", "long"; "putin's" → "putin"
  if (w.includes('.')) w = /^(\p{L}\.)+\p{L}?$/u.test(w) ? w.replace(/\./g, '') : w;
  w = w.replace(/'s$/, '').replace(/'/g, '');
  const out: string[] = [];
  for (const part of w.split(/[-.]/)) {
    if (part.length < 2 && !/\d/.test(part)) continue;
    if (STOP.has(part)) continue;
    if (/^\d/.test(part)) out.push(part);
    else {
      const stemmed = stem(part);
      out.push(CONCEPTS[part] ?? CONCEPTS[stemmed] ?? stemmed);
    }
  }
  const result = out.length ? out : NONE;
  if (wordCache.size > 200_000) wordCache.clear();
  wordCache.set(word, result);
  return result;
}

/** Content tokens of a text, in order, stemmed, without stop words. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const tokens = wordTokens(ws[i] as string);
    for (let k = 0; k < tokens.length; k++) out.push(tokens[k] as string);
  }
  return out;
}

/**
 * The folded words of a text, before stemming and stop words: what `wordTokens` takes. Indexes
 * that cache by word (the matcher) start here.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  const folded = fold(text);
  // Folding makes most text ASCII (curly quotes, dashes and accents go).
  if (NON_ASCII.test(folded)) for (const m of folded.matchAll(WORD)) out.push(m[0]);
  else asciiWords(folded, out);
  return out;
}

/** The reference tokenizer (any text): words by the WORD expression over the folded text. */
export function tokenizeByRegex(text: string): string[] {
  const out: string[] = [];
  for (const m of fold(text).matchAll(WORD)) {
    const tokens = wordTokens(m[0]);
    for (let i = 0; i < tokens.length; i++) out.push(tokens[i] as string);
  }
  return out;
}

const NON_ASCII = /[\u0080-\uffff]/;

/** a–z or 0–9 (the text is lower-cased already). */
const isWordCode = (c: number) => (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
/** The joiners WORD allows between runs of letters and digits: ' . and - (fold has made ` a '). */
const isJoinCode = (c: number) => c === 39 || c === 46 || c === 45;

/**
 * The same words as `fold(text).matchAll(WORD)` for folded ASCII text, found by scanning char
 * codes: no match objects, no regular expression. Most headlines and summaries take this path.
 */
function asciiWords(text: string, out: string[]): void {
  for (const w = new AsciiWords(text); w.next(); ) out.push(text.slice(w.start, w.end));
}

/**
 * The words of a folded ASCII text, one at a time: after next() returns true, the word lies from
 * `start` to `end` and `hash` is its stringHash. A cursor rather than a callback or a list: callers
 * run it for every word of a library.
 */
class AsciiWords {
  start = 0;
  end = 0;
  hash = 0;
  constructor(private readonly text: string) {}

  next(): boolean {
    const text = this.text;
    const n = text.length;
    let i = this.end;
    while (i < n && !isWordCode(text.charCodeAt(i))) i++;
    if (i >= n) return false;
    let h = fnvStep(FNV_OFFSET, text.charCodeAt(i));
    let j = i + 1;
    for (;;) {
      let c = 0;
      while (j < n && isWordCode((c = text.charCodeAt(j)))) {
        h = fnvStep(h, c);
        j++;
      }
      c = text.charCodeAt(j);
      if (j + 1 < n && isJoinCode(c) && isWordCode(text.charCodeAt(j + 1))) {
        h = fnvStep(h, c);
        j++;
      } else break;
    }
    this.start = i;
    this.end = j;
    this.hash = fnvEnd(h);
    return true;
  }
}

/**
 * A numbering of folded words, looked up while a text is scanned: a library's vocabulary repeats
 * endlessly, and an ASCII word already numbered costs no string of its own. An open-addressing table
 * of word numbers by hash; the words themselves confirm a hit.
 */
export class WordNumbers {
  readonly words: string[] = [];
  private readonly hashes: number[] = [];
  private slots = new Int32Array(1 << 12).fill(-1);

  /** Appends the numbers of the text's words to `out`; a new word is numbered, or −1 when `register` is false. */
  scan(text: string, register: boolean, out: number[]): void {
    const lower = fold(text);
    if (NON_ASCII.test(lower)) {
      for (const m of lower.matchAll(WORD)) out.push(this.find(m[0], stringHash(m[0]), register));
      return;
    }
    words: for (const w = new AsciiWords(lower); w.next(); ) {
      const { start, end, hash } = w;
      const mask = this.slots.length - 1;
      for (let at = hash & mask; ; at = (at + 1) & mask) {
        const no = this.slots[at] as number;
        if (no < 0) break;
        const w = this.words[no] as string;
        if (this.hashes[no] === hash && w.length === end - start && lower.startsWith(w, start)) {
          out.push(no);
          continue words;
        }
      }
      out.push(this.find(lower.slice(start, end), hash, register));
    }
  }

  private find(word: string, hash: number, register: boolean): number {
    const mask = this.slots.length - 1;
    let at = hash & mask;
    for (; ; at = (at + 1) & mask) {
      const no = this.slots[at] as number;
      if (no < 0) break;
      if (this.hashes[no] === hash && this.words[no] === word) return no;
    }
    if (!register) return -1;
    const no = this.words.length;
    this.words.push(word);
    this.hashes.push(hash);
    this.slots[at] = no;
    if (this.words.length * 2 > this.slots.length) this.grow();
    return no;
  }

  private grow(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let no = 0; no < this.hashes.length; no++) {
      let at = (this.hashes[no] as number) & mask;
      while ((slots[at] as number) >= 0) at = (at + 1) & mask;
      slots[at] = no;
    }
    this.slots = slots;
  }
}
