/**
 * The word knowledge Check claim uses to align a claim with its evidence: which words may stand for
 * each other and which are opposites. Built from WordNet 3.1 by scripts/build-lexicon.mjs (run by
 * `npm ci` and before every build); see that script for what is kept and why.
 *
 * Words are looked up by lemma. A surface form is reduced the way WordNet's own "morphy" does it:
 * strip an inflectional ending, and keep the first candidate the lexicon knows.
 */
import nlp from 'compromise';
import data from './lexicon.generated.json';

interface LexiconData {
  /** Groups of words that share a sense, comma-separated; "word~" holds it as a rarer sense. */
  synonyms: string[];
  antonyms: string[];
}

const lexicon = data as LexiconData;

/**
 * word → the synonym groups it belongs to; a negative id marks a group that is one of the word's rarer
 * senses (it meets only words for which that group is a frequent sense).
 */
const groups = new Map<string, number[]>();
lexicon.synonyms.forEach((group, id) => {
  for (const member of group.split(',')) {
    const secondary = member.endsWith('~');
    const w = secondary ? member.slice(0, -1) : member;
    const list = groups.get(w);
    const ref = secondary ? -(id + 1) : id + 1;
    if (list) list.push(ref);
    else groups.set(w, [ref]);
  }
});
const opposites = new Set(lexicon.antonyms);
const known = (w: string) => groups.has(w) || antonymWords.has(w);
const antonymWords = new Set(lexicon.antonyms.flatMap((p) => p.split('|')));

/** Inflectional endings and what replaces them (WordNet's detachment rules, all parts of speech). */
const ENDINGS: [string, string][] = [
  ['ies', 'y'],
  ['ches', 'ch'],
  ['shes', 'sh'],
  ['sses', 'ss'],
  ['xes', 'x'],
  ['zes', 'z'],
  ['ses', 's'],
  ['ves', 'f'],
  ['es', 'e'],
  ['es', ''],
  ['s', ''],
  ['ied', 'y'],
  ['ed', 'e'],
  ['ed', ''],
  ['ing', 'e'],
  ['ing', ''],
  ['ier', 'y'],
  ['iest', 'y'],
  ['er', 'e'],
  ['er', ''],
  ['est', 'e'],
  ['est', ''],
];

const lemmaCache = new Map<string, string>();

/** The base form the lexicon knows for a lower-case word ("climbed" → "climb"), else the word. */
export function lemma(word: string): string {
  const hit = lemmaCache.get(word);
  if (hit !== undefined) return hit;
  // An irregular form first: "fell" is "fall" in news copy far more often than the verb "to fell".
  let out = irregular(word) ?? word;
  if (out === word && !known(word)) {
    for (const [end, repl] of ENDINGS) {
      if (word.length <= end.length + 2 || !word.endsWith(end)) continue;
      const base = word.slice(0, -end.length) + repl;
      if (known(base)) {
        out = base;
        break;
      }
      // "stopped" → "stop", "bigger" → "big": a doubled consonant before the ending.
      if (repl === '' && /([b-df-hj-np-tv-z])\1$/.test(base) && known(base.slice(0, -1))) {
        out = base.slice(0, -1);
        break;
      }
    }
  }
  if (lemmaCache.size > 50_000) lemmaCache.clear();
  lemmaCache.set(word, out);
  return out;
}

/** The part of compromise's API used here (its own typings leave `methods()` untyped). */
interface Transforms {
  verb: { toInfinitive(word: string, model: object, form: string): string };
  adjective: { fromComparative(word: string, model: object): string };
}
const transforms = (nlp.methods() as { two: { transform: Transforms } }).two.transform;
const model = nlp.model();

/** Irregular forms ("rose" → "rise", "fell" → "fall", "taken" → "take", "better" → "good") by compromise's conjugation tables. */
function irregular(word: string): string | null {
  for (const form of ['PastTense', 'Participle', 'PresentTense']) {
    const base = transforms.verb.toInfinitive(word, model, form);
    if (base && base !== word && known(base)) return base;
  }
  const adjective = transforms.adjective.fromComparative(word, model);
  return adjective && adjective !== word && known(adjective) ? adjective : null;
}

/** Is this lower-case word one of WordNet's common words (or a form of one)? */
export function isCommonWord(word: string): boolean {
  return known(lemma(word));
}

const NO_GROUPS: readonly number[] = [];

/** The sense groups of a lemma: positive for its frequent senses, negative for its rarer ones. */
export function senseGroups(lemmaWord: string): readonly number[] {
  return groups.get(lemmaWord) ?? NO_GROUPS;
}

/** Do two lemmas share one of their frequent senses? */
export function synonymous(a: string, b: string): boolean {
  if (a === b) return true;
  const ga = groups.get(a);
  const gb = groups.get(b);
  if (!ga || !gb) return false;
  // A shared group counts when it is a frequent sense of at least one of the two.
  return ga.some((g) => (g > 0 ? gb.includes(g) || gb.includes(-g) : gb.includes(-g)));
}

/** Negating prefixes of English adjectives and nouns ("lawful"/"unlawful", "legal"/"illegal"). */
const NEGATING_PREFIXES = ['un', 'non', 'in', 'il', 'im', 'ir', 'dis'];

/** Are two lemmas opposites (WordNet antonyms, or a word and its negating-prefix form)? */
export function opposite(a: string, b: string): boolean {
  if (a === b) return false;
  if (opposites.has(a < b ? `${a}|${b}` : `${b}|${a}`)) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 4 && NEGATING_PREFIXES.some((p) => long === p + short || long === `${p}-${short}`);
}
