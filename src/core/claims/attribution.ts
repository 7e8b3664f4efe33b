/**
 * Attribution: who says what in a clause, and how. Read from the grammar of English reporting, not
 * from names: the noun phrase before a reporting verb ("Somalia and the African Union rejected …"),
 * "according to X", a possessor of a reporting noun ("Moscow's denial of …"), a pronoun or a
 * participle ("…, saying …") that continues the previous speaker, and the parts after the verb:
 * the accused of an accusation, the object and complement of "X as Y" and "call X unlawful".
 */
import { declineIn, negativeEvaluation, nounStance, verbStance, type Stance } from './stance';
import { isPronoun, isVerb, tag, type Word } from './tagging';

export interface Attribution {
  /** The speaking party as written ("Somalia and the African Union"), or null when the clause does not say. */
  claimant: string | null;
  /** The clause continues the previous speaker (a pronoun, or "…, saying"). */
  continues: boolean;
  stance: Stance;
  /** The reporting words as written ("rejected", "declines to confirm"). */
  verb: string | null;
  /** What is said, without speaker and verb. */
  proposition: string;
  /** For an accusation: who is accused. */
  target: string | null;
  /** "X as Y", "call X Y": the X … */
  object: string | null;
  /** … and the Y. */
  complement: string | null;
  /** For a rejecting evaluation ("unlawful"), the word the other side would use ("lawful"). */
  evaluation: string | null;
}

const NONE = (clause: string): Attribution => ({ claimant: null, continues: false, stance: 'reports', verb: null, proposition: clause, target: null, object: null, complement: null, evaluation: null });

/** Words that may sit between a subject and its verb without being part of either. */
const SKIPPABLE = new Set(['also', 'still', 'publicly', 'meanwhile', 'repeatedly', 'again', 'later', 'previously', 'separately', 'reportedly', 'formally', 'officially', 'explicitly', 'have', 'has', 'had', 'would', 'will', 'did', 'does', 'do', 'now', 'then', 'further', 'however', 'both', 'each', 'all', 'quickly', 'initially', 'swiftly', 'strongly', 'openly', 'directly']);
/** Quantifiers dropped from the front of a claimant ("Some Nigerian officials" → "Nigerian officials"). */
const QUANTIFIER = /^(?:some|many|several|most|other|few|a\s+few|various|certain)\s+/i;
const PARTICIPLE_BY = new Set(['cited', 'quoted', 'reported', 'interviewed', 'surveyed', 'polled', 'represented', 'led']);
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);

const isNominal = (w: Word) =>
  (w.tags.has('Noun') || w.tags.has('ProperNoun') || w.tags.has('Adjective') || w.tags.has('Determiner') || w.tags.has('Value') || w.tags.has('Acronym') || w.tags.has('Demonym') || w.tags.has('Possessive')) &&
  !isVerbOnly(w);
const isVerbOnly = (w: Word) => isVerb(w) && !w.tags.has('Noun') && !w.tags.has('Adjective');
const joins = (w: Word) => w.norm === 'and' || w.norm === 'of' || w.norm === '&' || w.norm === 'for';
const hasComma = (w: Word) => /[,;:]/.test(w.post);

/** Nouns for those who can hold a position, besides names: officials, critics, a ministry, voters. */
const SPEAKER = /^(?:officials?|government|governments|ministry|ministries|department|police|prosecutors?|critics?|supporters?|opponents?|analysts?|experts?|researchers?|scientists?|authorities|leaders?|lawmakers?|legislators?|residents?|voters?|majorit(?:y|ies)|groups?|unions?|courts?|judges?|spokes(?:man|woman|person)|president|minister|company|companies|firms?|agency|agencies|administration|regulators?|investigators?|villagers|locals|activists?|advocates?|campaigners?|organizers?|participants?|protesters?|doctors|workers|employees|executives?|board|council|committee|parliament|senators?|members?|allies|team)$/i;
/** The story's own sourcing is not a party ("Reports said", "coverage notes"). */
const REPORTING = /^(?:reports?|reporting|coverage|sources?|outlets?|articles?|media|accounts?|stories|summar(?:y|ies)|write-?ups?|items?|posts?)$/i;

/** Plural agent nouns name people ("rescuers", "economists", "residents"); "-ments" are things. */
const AGENT_PLURAL = /^(?!\p{L}*ments$)\p{L}{3,}(?:er|or|ist|ian|ant|ent|ee)s$/u;

/** Can this noun phrase hold a position: a name, a pronoun, or a noun for people and institutions? */
function canSpeak(np: readonly Word[]): boolean {
  const head = np[np.length - 1];
  if (!head || REPORTING.test(head.norm) || (isVerb(head) && !head.tags.has('Noun'))) return false;
  return np.some((w) => /^\p{Lu}/u.test(w.text) || AGENT_PLURAL.test(w.norm) || w.tags.has('Person') || w.tags.has('Organization') || w.tags.has('Place') || w.tags.has('ProperNoun') || w.tags.has('Demonym') || w.tags.has('Acronym') || w.tags.has('Actor') || SPEAKER.test(w.norm));
}

/** The noun phrase that ends just before word `i` (exclusive), as [start, end) word indexes. */
function phraseBefore(words: readonly Word[], i: number): [number, number] | null {
  let j = i - 1;
  while (j >= 0 && (SKIPPABLE.has(words[j]!.norm) || (words[j]!.tags.has('Adverb') && !isPronoun(words[j]!)))) {
    if (j > 0 && hasComma(words[j - 1]!) && !hasComma(words[j]!)) break;
    j--;
  }
  // ", meanwhile," between subject and verb.
  while (j >= 0 && hasComma(words[j]!) && (words[j]!.tags.has('Adverb') || SKIPPABLE.has(words[j]!.norm))) j--;
  const end = j + 1;
  if (j < 0) return null;
  if (hasComma(words[j]!) && end < i && !SKIPPABLE.has(words[end]?.norm ?? '')) return null;
  if (isPronoun(words[j]!)) return [j, end];
  let start = end;
  while (j >= 0) {
    const w = words[j]!;
    if (j < end - 1 && hasComma(w)) break;
    if (isNominal(w) || (joins(w) && start < end)) {
      start = j;
      j--;
      continue;
    }
    // "Analysts cited by ABC say": the participle phrase belongs to the subject.
    if (w.norm === 'by' && j > 0 && PARTICIPLE_BY.has(words[j - 1]!.norm) && start < end) {
      j -= 2;
      start = j + 1;
      continue;
    }
    break;
  }
  while (start < end && joins(words[start]!)) start++;
  return start < end ? [start, end] : null;
}

/** The noun phrase that starts at word `i`, up to a verb, comma or one of `stop`. */
function phraseFrom(words: readonly Word[], i: number, stop: ReadonlySet<string>): [number, number] | null {
  let k = i;
  while (k < words.length && !stop.has(words[k]!.norm) && (isNominal(words[k]!) || joins(words[k]!) || isPronoun(words[k]!))) {
    k++;
    if (hasComma(words[k - 1]!)) break;
  }
  return k > i ? [i, k] : null;
}

const slice = (clause: string, words: readonly Word[], [a, b]: [number, number]) => clause.slice(words[a]!.start, words[b - 1]!.end);
/** What follows the reporting words: a quote up to its end, a clause up to the next speaker's. */
function rest(clause: string, from: number): string {
  const text = clause
    .slice(from)
    .replace(/^[\s,:]+/, '')
    .replace(/^(?:that|to|of|on)\s+/i, '')
    .trim();
  const quoted = /^[“"]([^”"]+)[”"]/.exec(text);
  if (quoted) return (quoted[1] ?? '').replace(/[,.;:]+$/, '');
  return text.replace(/,\s+and\s+(?:the\s+)?[\p{Lu}][\p{L}.]*(?:\s+[\p{Lu}][\p{L}.]*)*\s+\p{Ll}+(?:s|ed)\b.*$/u, '').trim();
}
const cleanClaimant = (s: string) =>
  s
    .replace(/^[“"‘']+|[”"’']+$/g, '')
    .replace(/^(?:that|which|who|as|and|but|while)\s+/i, '')
    .replace(/^(?:(?:in|on|since|by)\s+)?(?:(?:Jan|Febr)uary|March|April|May|June|July|August|September|October|November|December)(?:\s+and\s+(?:(?:Jan|Febr)uary|March|April|May|June|July|August|September|October|November|December))?\s+/, '')
    .replace(QUANTIFIER, '')
    .trim();

/** "X as Y" after a verb: the X and the Y. */
function asComplement(text: string): { object: string; complement: string } | null {
  const m = /^(.{2,120}?)\s+as\s+(.{2,160}?)(?:,|;|$)/.exec(text);
  if (!m) return null;
  return { object: (m[1] ?? '').trim(), complement: (m[2] ?? '').replace(/\s+(?:and|while|but)\s.*$/, '').trim() };
}

/** "call X unlawful", "called X unlawful and a deliberate attack …": X and the rejecting word. */
function evaluationIn(words: readonly Word[], from: number): { object: [number, number]; word: string; opposite: string } | null {
  for (let k = from; k < Math.min(words.length, from + 12); k++) {
    const opposite = negativeEvaluation(words[k]!.norm);
    if (opposite && k > from) return { object: [from, k], word: words[k]!.text, opposite };
  }
  return null;
}

function fromVerb(clause: string, words: readonly Word[], i: number, stance: Exclude<Stance, 'reports'>): Attribution {
  const v = words[i]!;
  const base = NONE(clause);
  const subject = phraseBefore(words, i);
  let claimant: string | null = null;
  let continues = false;
  let propStart = v.end;
  // A reporting verb at the very end reports what came before: "…, Nigeria's foreign ministry said".
  const atEnd = words.slice(i + 1).every((w) => !/\p{L}/u.test(w.text));
  if (subject && isPronoun(words[subject[0]]!) && subject[1] - subject[0] === 1) continues = true;
  else if (subject && canSpeak(words.slice(subject[0], subject[1]))) claimant = cleanClaimant(slice(clause, words, subject));
  else if (subject) return NONE(clause);
  else if (i === 0 || words[i]!.tags.has('Gerund') || /ing$/i.test(v.text) || atEnd) continues = true;
  let proposition = rest(clause, propStart);
  if (atEnd && subject) {
    proposition = clause.slice(0, words[subject[0]]!.start).replace(/[\s,“”"]+$/g, '').replace(/^[\s“"]+/, '');
    propStart = 0;
  }
  // "X was accused of …", "X was denied bail": the subject is acted on, it does not speak.
  // "… a manager accused of leaking": a participle followed by what is charged is passive too.
  const passive = (i > 0 && BE.has(words[i - 1]!.norm) && /(?:ed|en)$/i.test(v.text)) || (stance === 'accuses' && /ed$/i.test(v.text) && words[i + 1]?.norm === 'of');
  if (passive) return { ...base, stance: 'reports', proposition: clause };
  const out: Attribution = { ...base, claimant, continues, stance, verb: v.text, proposition };
  if (stance === 'accuses') {
    const target = phraseFrom(words, i + 1, new Set(['of', 'for', 'over']));
    if (target) {
      out.target = slice(clause, words, target);
      out.proposition = rest(clause, words[target[1] - 1]!.end);
    }
    return out;
  }
  const evaluation = evaluationIn(words, i + 1);
  if (evaluation) {
    out.object = slice(clause, words, evaluation.object).replace(/\s+(?:as|is|are|was|were|be|been|being)$/i, '');
    out.complement = evaluation.word;
    out.evaluation = evaluation.opposite;
    if (stance === 'asserts') out.stance = 'denies';
    return out;
  }
  const framed = asComplement(out.proposition);
  if (framed) {
    out.object = framed.object;
    out.complement = framed.complement;
  }
  return out;
}

/** A reporting noun said as a verb, for showing the claim: "Moscow's denial of X" → "denies X". */
const NOUN_AS_VERB: Record<string, string> = { denial: 'denies', rejection: 'rejects', dismissal: 'dismisses', claim: 'claims', accusation: 'accuses', allegation: 'alleges', criticism: 'criticises', condemnation: 'condemns', 'non-confirmation': 'does not confirm', nonconfirmation: 'does not confirm', silence: 'stays silent on' };

function fromNoun(clause: string, words: readonly Word[], i: number, stance: Exclude<Stance, 'reports'>): Attribution | null {
  // "the ministry's denial of …", "the senator's ceasefire claim", "government silence": the possessor speaks.
  let j = i - 1;
  while (j >= 0 && !words[j]!.tags.has('Possessive') && !words[j]!.tags.has('ProperNoun') && (words[j]!.tags.has('Noun') || words[j]!.tags.has('Adjective')) && i - j < 4) j--;
  const w = words[j];
  if (!w || !(w.tags.has('Possessive') || (/^\p{Lu}/u.test(w.text) && (w.tags.has('ProperNoun') || w.tags.has('Demonym'))))) return null;
  let start = j;
  while (start > 0 && (words[start - 1]!.tags.has('ProperNoun') || words[start - 1]!.tags.has('Determiner')) && !hasComma(words[start - 1]!)) start--;
  const claimant = cleanClaimant(slice(clause, words, [start, j + 1]).replace(/['’]s$/i, ''));
  const between = j + 1 < i ? slice(clause, words, [j + 1, i]) : '';
  const verbAfter = words.findIndex((x, k) => k > i + 1 && isVerb(x) && !x.tags.has('Noun') && !x.tags.has('Adjective'));
  const after = rest(verbAfter > 0 ? clause.slice(0, words[verbAfter]!.start) : clause, words[i]!.end);
  return { ...NONE(clause), claimant, stance, verb: NOUN_AS_VERB[words[i]!.norm] ?? words[i]!.text, proposition: [between, after].filter(Boolean).join(' ').trim() };
}

/** Is word `i` used as a verb? The tagger reads some reporting verbs as plural nouns ("the minister accuses the army"). */
function actsAsVerb(words: readonly Word[], i: number): boolean {
  const w = words[i]!;
  if (isVerb(w) && !w.tags.has('Noun')) return true;
  if (!/(?:s|ed)$/i.test(w.text)) return false;
  let b = i - 1;
  while (b > 0 && (words[b]!.tags.has('Adverb') || SKIPPABLE.has(words[b]!.norm))) b--;
  const before = words[b];
  const after = words[i + 1];
  return !!before && !before.tags.has('Possessive') && !before.tags.has('Determiner') && (before.tags.has('ProperNoun') || /^\p{Lu}/u.test(before.text) || isPronoun(before)) && !!after && !['of', 'that', 'about', 'focused'].includes(after.norm);
}

/** Reads who says what in one clause. */
export function attribute(clause: string): Attribution {
  const according = /\baccording\s+to\s+([^,;]{2,80}?)(?=[,;]|$)/i.exec(clause);
  if (according && !REPORTING.test(according[1]?.trim().split(/\s+/).at(-1) ?? '')) {
    const proposition = (clause.slice(0, according.index) + clause.slice(according.index + according[0].length)).replace(/^[\s,]+|[\s,]+$/g, '');
    return { ...NONE(clause), claimant: cleanClaimant(according[1] ?? ''), stance: 'asserts', verb: 'according to', proposition };
  }
  const words = tag(clause);
  const decline = declineIn(clause);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (decline && w.start >= decline.index) {
      const first = words.findIndex((x) => x.start >= decline.index);
      const subject = phraseBefore(words, first);
      const inner = /\black\s+of\s+(?:any\s+)?([\p{Lu}][\p{L}.]*)\s+confirmation/iu.exec(decline.words)?.[1];
      const claimant = subject && !isPronoun(words[subject[0]]!) ? cleanClaimant(slice(clause, words, subject)) : (inner ?? null);
      return { ...NONE(clause), claimant, continues: claimant === null, stance: 'declines', verb: decline.words.replace(/\s+(?:of|on)$/i, ''), proposition: rest(clause, decline.end) };
    }
    const verb = actsAsVerb(words, i) ? verbStance(w.text) : null;
    if (verb) {
      const found = fromVerb(clause, words, i, verb.stance);
      // "Several reports noted that the president criticized …": the story's sourcing, read on.
      if (found.stance !== 'reports' || found.claimant) return found;
      continue;
    }
    const noun = w.tags.has('Noun') || w.tags.has('Plural') ? nounStance(w.text) : null;
    if (noun) {
      const nominal = fromNoun(clause, words, i, noun);
      if (nominal) return nominal;
    }
  }
  return NONE(clause);
}
