/**
 * The question a dispute answers, built from the story's own words: a claim turned into a yes/no
 * question ("the mayor agreed to …" → "Did the mayor agree to …?"), a framing ("frame X as Y" → "Is X Y?"),
 * a rejecting evaluation ("called X unlawful" → "Is X lawful?"), an accusation ("accuses R of
 * breaking P" → "Did R break P?"), or rival end dates ("When does the pause end?").
 */
import { infinitive, isPluralPhrase, isPronoun, isVerb, tag } from './tagging';

const tidy = (s: string) =>
  s
    .replace(/[“”"‘]|’(?!\p{L})/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:]+|[\s,;:.!?]+$/g, '')
    .trim();
/** Past this many words a question no longer reads as one; the caller tries another form. */
const MAX_WORDS = 24;
const ask = (s: string) => {
  const t = tidy(s);
  return t && t.split(' ').length <= MAX_WORDS ? `${t.charAt(0).toUpperCase()}${t.slice(1)}?` : '';
};

/** Verbs that only introduce a framing ("characterizing X as Y" is about X). */
const FRAMING = /^(?:(?:with|to|on|about)\s+)?(?:characteri[sz]ing|framing|describing|portraying|calling|labell?ing|branding|presenting|treating|casting)?\s*/i;
/** "moves described as …": the participle that introduced the framing is not part of its object. */
const TRAILING_PARTICIPLE = /\s+(?:described|characteri[sz]ed|called|framed|labell?ed|branded|seen|presented|portrayed)$/i;

/** "X as Y" → "Is X Y?" (an adverb closing X moves with Y: "X mainly as Y" → "Is X mainly Y?"). */
export function framingQuestion(object: string, complement: string): string {
  let x = tidy(object).replace(FRAMING, '').replace(TRAILING_PARTICIPLE, '');
  let adverb = '';
  const m = /\s+(mainly|primarily|largely|mostly|chiefly|simply|merely|only)$/i.exec(x);
  if (m) {
    adverb = `${m[1]} `;
    x = x.slice(0, m.index);
  }
  if (!x || /^(?:it|them|this|that)$/i.test(x)) return '';
  return ask(`${isPluralPhrase(x) ? 'are' : 'is'} ${x} ${adverb}${tidy(complement)}`);
}

/** "called X unlawful" → "Is X lawful?" */
export function evaluationQuestion(object: string, opposite: string): string {
  const x = tidy(object).replace(FRAMING, '').replace(TRAILING_PARTICIPLE, '');
  if (!x || /^(?:it|them|this|that)$/i.test(x)) return '';
  return ask(`${isPluralPhrase(x) ? 'are' : 'is'} ${x} ${opposite}`);
}

/** "accuses R of breaking P" → "Did R break P?" */
export function accusationQuestion(target: string, act: string): string {
  return ask(`did ${tidy(target)} ${infinitive(tidy(act))}`);
}

const SUBORDINATOR = new Set(['when', 'if', 'because', 'that', 'which', 'who', 'whom', 'whose', 'while', 'although', 'though', 'since', 'unless', 'until', 'where', 'whether', 'after', 'before']);

/** A claim as a yes/no question: "The mayor agreed to a pause" → "Did the mayor agree to a pause?"; "X is Y" → "Is X Y?". */
export function claimQuestion(claim: string): string {
  const text = tidy(claim);
  const words = tag(text);
  const i = words.findIndex((w) => isVerb(w) && !w.tags.has('Noun'));
  const w = words[i];
  if (!w || i === 0 || words.slice(0, i).every(isPronoun) || !words.slice(0, i).some((x) => x.tags.has('Noun') || x.tags.has('ProperNoun'))) return '';
  // A subordinate clause before the verb ("the whales beach when they are …") hides the main verb: no question.
  if (words.slice(0, i).some((x) => SUBORDINATOR.has(x.norm))) return '';
  // "a fulfilled agreement": a participle before its noun is no verb.
  if (words[i + 1]?.tags.has('Noun') && words[i - 1]?.tags.has('Determiner')) return '';
  const next = words[i + 1];
  if (next && (next.tags.has('Negative') || next.norm === 'not')) return '';
  const subject = text.slice(0, w.start).trim();
  if (subject.split(/\s+/).length > 8) return '';
  const after = text.slice(w.end).trim();
  if (w.tags.has('Auxiliary') || w.tags.has('Modal') || w.tags.has('Copula')) return ask(`${w.text.toLowerCase()} ${subject} ${after}`);
  const base = infinitive(w.text);
  const does = w.tags.has('PastTense') ? 'did' : isPluralPhrase(subject) ? 'do' : 'does';
  return ask(`${does} ${subject} ${base} ${after}`);
}

/** "When does the pause end?" */
export function endQuestion(thing: string): string {
  return ask(`when does ${tidy(thing)} end`);
}

/** The last resort: "Who is right about X?" */
export function aboutQuestion(topic: string): string {
  const words = tidy(topic).split(' ').slice(0, 10).join(' ');
  return words ? ask(`who is right about ${words}`) : '';
}
