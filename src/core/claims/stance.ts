/**
 * Stance: how a party holds what it says, read from the verb or noun that reports it. The lexicon is
 * general English reporting vocabulary (say, deny, reject, accuse, condemn, "declines to confirm",
 * "calls it unlawful"), never words of a particular story.
 */

export type Stance = 'asserts' | 'denies' | 'declines' | 'accuses' | 'criticises' | 'reports';

/** Reporting verbs by lemma. `reports` is left for the story's own voice. */
const VERBS: Record<Exclude<Stance, 'reports'>, readonly string[]> = {
  asserts: [
    'say', 'claim', 'assert', 'maintain', 'insist', 'repeat', 'announce', 'tell', 'add', 'note', 'argue',
    'contend', 'describe', 'frame', 'call', 'characterize', 'characterise', 'portray', 'present', 'confirm',
    'affirm', 'reaffirm', 'reiterate', 'stress', 'emphasize', 'emphasise', 'signal', 'suggest', 'acknowledge',
    'admit', 'welcome', 'thank', 'propose', 'promise', 'pledge', 'vow', 'predict', 'estimate', 'warn', 'caution', 'urge',
    'tout', 'hail', 'praise', 'defend', 'justify', 'explain', 'write', 'post', 'declare', 'allege', 'label',
    'brand', 'believe', 'think', 'report', 'find',
  ],
  denies: ['deny', 'reject', 'dispute', 'refute', 'dismiss', 'contest', 'rebut', 'disavow', 'contradict', 'disagree', 'repudiate'],
  declines: [],
  accuses: ['accuse', 'blame'],
  criticises: ['criticize', 'criticise', 'condemn', 'slam', 'denounce', 'decry', 'oppose', 'rebuke', 'question', 'deplore', 'censure'],
};

const IRREGULAR: Record<string, string> = { said: 'say', told: 'tell', wrote: 'write', held: 'hold', found: 'find', thought: 'think' };

const LEMMA_STANCE = new Map<string, Exclude<Stance, 'reports'>>(
  (Object.entries(VERBS) as [Exclude<Stance, 'reports'>, readonly string[]][]).flatMap(([stance, lemmas]) => lemmas.map((l) => [l, stance] as const)),
);

/** Candidate lemmas of an inflected English verb form ("denies" → deny, "disputed" → dispute). */
function lemmas(word: string): string[] {
  const w = word.toLowerCase();
  const irregular = IRREGULAR[w];
  if (irregular) return [irregular];
  const out = [w];
  if (w.endsWith('ies') || w.endsWith('ied')) out.push(`${w.slice(0, -3)}y`);
  if (w.endsWith('es')) out.push(w.slice(0, -2), w.slice(0, -1));
  else if (w.endsWith('s')) out.push(w.slice(0, -1));
  if (w.endsWith('ed')) out.push(w.slice(0, -2), w.slice(0, -1));
  if (w.endsWith('ing')) out.push(w.slice(0, -3), `${w.slice(0, -3)}e`);
  return out;
}

/** The stance of a reporting verb as written, and its lemma; null when it is not one. */
export function verbStance(word: string): { stance: Exclude<Stance, 'reports'>; lemma: string } | null {
  for (const l of lemmas(word)) {
    const stance = LEMMA_STANCE.get(l);
    if (stance) return { stance, lemma: l };
  }
  return null;
}

/** Nouns that report a stance ("the ministry's denial of …", "the senator's claim of …", "government silence"). */
const NOUNS: Record<string, Exclude<Stance, 'reports'>> = {
  claim: 'asserts', claims: 'asserts', assertion: 'asserts', announcement: 'asserts', statement: 'asserts', report: 'asserts',
  denial: 'denies', denials: 'denies', rejection: 'denies', dismissal: 'denies',
  accusation: 'accuses', accusations: 'accuses', allegation: 'accuses', allegations: 'accuses',
  criticism: 'criticises', condemnation: 'criticises', rebuke: 'criticises', rebukes: 'criticises',
  'non-confirmation': 'declines', nonconfirmation: 'declines', silence: 'declines',
};

export function nounStance(word: string): Exclude<Stance, 'reports'> | null {
  return NOUNS[word.toLowerCase().replace(/[\u2010-\u2015]/g, '-')] ?? null;
}

/**
 * Refusing to confirm is a stance of its own: it leaves another party's claim unconfirmed without
 * asserting the opposite ("declines to confirm", "offers no comment", "did not confirm", "lack of
 * Russian confirmation"). The phrase is matched on the clause; its verb words are returned.
 */
const DECLINE = /\b(?:(?:still\s+)?(?:declin(?:es|ed|ing|e)|refus(?:es|ed|ing|e))\s+to\s+(?:confirm|comment(?:\s+on)?|acknowledge)|(?:offer(?:s|ed)?|gave|gives|give|made|makes)\s+no\s+comment(?:\s+on)?|(?:did|does|do|would|could)\s+not\s+(?:confirm|comment(?:\s+on)?)|(?:has|have|had)\s+not\s+confirmed|lack\s+of\s+(?:any\s+)?(?:[\p{Lu}][\p{L}.]*\s+)?confirmation(?:\s+of)?)\b/iu;

export function declineIn(clause: string): { index: number; end: number; words: string } | null {
  const m = DECLINE.exec(clause);
  return m ? { index: m.index, end: m.index + m[0].length, words: m[0] } : null;
}

/**
 * Evaluations that reject what they qualify: to call a move "unlawful" or "a breach of" something
 * is to deny its legitimacy. Each maps to the word its opposite side would use, for the question.
 */
const NEGATIVE_EVALUATIONS: readonly [RegExp, string][] = [
  [/^unlawful$/i, 'lawful'],
  [/^illegal$/i, 'legal'],
  [/^illegitimate$/i, 'legitimate'],
  [/^unconstitutional$/i, 'constitutional'],
  [/^invalid$/i, 'valid'],
  [/^(?:null|void)$/i, 'valid'],
  [/^(?:false|untrue|baseless|unfounded|fabricated|bogus)$/i, 'true'],
  [/^anti[\u2010-\u2015-]?democratic$/i, 'democratic'],
  [/^undemocratic$/i, 'democratic'],
  [/^unjust(?:ified)?$/i, 'justified'],
];

/** The opposite of a rejecting evaluation ("unlawful" → "lawful"), or null when the word is not one. */
export function negativeEvaluation(word: string): string | null {
  for (const [re, opposite] of NEGATIVE_EVALUATIONS) if (re.test(word)) return opposite;
  return null;
}

/** "a breach of", "a violation of", "an attack on": a complement that casts its object as a wrong. */
export const WRONG_COMPLEMENT = /\b(?:a|an)\s+(?:\w+\s+)?(?:breach|violation|attack|affront|assault)\s+(?:of|on)\b/i;

/**
 * Party roles that say which side a group is on without naming it: "critics argue …" against
 * "supporters frame …". Plural role nouns of general English.
 */
const CON_ROLES = /\b(?:critics?|opponents?|detractors?|sceptics?|skeptics?|protesters?|dissenters?)\b/i;
const PRO_ROLES = /\b(?:supporters?|proponents?|advocates?\s+of\s+the|defenders?|backers?)\b/i;

export function roleOf(claimant: string): 'pro' | 'con' | null {
  if (CON_ROLES.test(claimant)) return 'con';
  if (PRO_ROLES.test(claimant)) return 'pro';
  return null;
}

/** Quick test: may this clause carry a stance at all? Parsing is spent only on those that do. */
export function mayCarryStance(clause: string): boolean {
  if (DECLINE.test(clause) || /\baccording\s+to\b/i.test(clause)) return true;
  for (const m of clause.matchAll(/\p{L}[\p{L}\u2010-\u2015-]*/gu)) {
    const w = m[0];
    if (verbStance(w) || nounStance(w)) return true;
  }
  return false;
}

/**
 * Quick test: may this text set parties against each other at all (a denial, rejection, accusation,
 * criticism, refusal to confirm, rejecting evaluation or a critic)? Most stories have no such word,
 * and then nothing of them needs parsing to know they hold no dispute.
 */
export function mayOppose(text: string): boolean {
  if (DECLINE.test(text) || CON_ROLES.test(text)) return true;
  for (const m of text.matchAll(/\p{L}[\p{L}\u2010-\u2015-]*/gu)) {
    const w = m[0];
    const stance = verbStance(w)?.stance ?? nounStance(w);
    if ((stance && stance !== 'asserts') || negativeEvaluation(w)) return true;
  }
  return false;
}
