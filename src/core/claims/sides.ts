/**
 * Sides: whether a claim states one side of a dispute the story shows. A claim takes a side when its
 * words are that side's words, or when the passage that states it is that party's account — a
 * perspective, a quote, or a sentence that reports what the party said, called, warned or recognised
 * ("critics describe the powers as anti-democratic" for "the powers are anti-democratic"). A claim the
 * story states in its own voice, figures and dates included, takes no side.
 */
import { align, jointCoverage, termsMatch, type Alignment } from './align';
import type { Claim } from './claim';
import { valuesConflict } from './figures';
import { passageOf, type Passage } from './passages';
import { termsOf, type Term } from './terms';
import type { Dispute } from './types';
import { sameDate } from './when';

/** Verbs and phrases that make a sentence someone's account rather than the story's own statement. */
const ACCOUNT = /\b(?:say|says|said|saying|claim(?:s|ed|ing)?|accus(?:e|es|ed|ing|ation|ations)|warn(?:s|ed|ing|ings)?|argu(?:e|es|ed|ing|ment)|call(?:s|ed|ing)?|describ(?:e|es|ed|ing)|description|characteri[sz](?:e|es|ed|ing|ation)|den(?:y|ies|ied|ying|ial)|insist(?:s|ed|ing)?|assert(?:s|ed|ing|ion)?|alleg(?:e|es|ed|ing|ation|ations)|reject(?:s|ed|ing|ion)?|reiterat(?:e|es|ed|ing)|recogni[sz](?:e|es|ed|ing)|fram(?:e|es|ed|ing)|label(?:s|ed|led|ing)?|consider(?:s|ed)?|view(?:s|ed)?|according to)\b/i;
/** An account that states less than this share of the claim is not what the claim restates. */
const ACCOUNT_SHARE = 0.4;
/**
 * The share of a claim's words (names aside) that a dispute's question and sides must state for the
 * claim to be about it. Sides are summed up in a few words, so the bar is low; what it keeps out is a
 * claim that only names a party ("Russia launched 70 missiles" is not about whether Russia broke a pause).
 */
const TOPIC_SHARE = 0.2;
/** Words of a party's name that say nothing about who it is. */
const GENERIC = new Set(['and', 'the', 'of', 'as', 'reported', 'characterized', 'coverage', 'in']);

export interface SideTaken {
  dispute: Dispute;
  side: number;
}

/**
 * Does the story state the claim in its own voice (not as someone's account), its figures and dates
 * included, in one passage's own words? A timeline entry's date is when something happened around,
 * not a statement of the claim's date.
 */
export function ownVoice(a: Alignment, claim: Claim, supported: number): boolean {
  const p = a.passage;
  if (a.coverage < supported || p.speaker !== null || p.origin === 'perspective' || p.origin === 'title' || ACCOUNT.test(p.text)) return false;
  // Every word that carries the claim must be there: a passage that leaves out "unlawful" does not state "… is unlawful".
  if (claim.content.some((t) => (t.weight ?? 1) >= 0.8 && !a.matched.has(t.index))) return false;
  // Words the story puts in quotation marks are someone's words, not its own ("a “green scam”").
  const matched = [...a.matched.values()].map((i) => p.terms[i] as Term);
  if (matched.filter((t) => t.quoted).length * 2 >= matched.length) return false;
  return claim.dates.every((d) => p.dates.some((m) => sameDate(d, m))) && claim.figures.every((f) => p.figures.some((g) => g.unit === f.unit && !valuesConflict(f, g)));
}

/** Who gives the account a passage is: its speaker, or the words before its first reporting verb. */
function partyOf(p: Passage): Term[] {
  if (p.speaker) return termsOf(p.speaker);
  const m = ACCOUNT.exec(p.text);
  if (!m) return [];
  return termsOf(p.text.slice(0, m.index)).slice(-6);
}

/** Does a party (its words) name a side's claimant? One distinctive word in common is enough. */
function names(party: Term[], claimant: string): boolean {
  const who = termsOf(claimant).filter((t) => t.keys.length > 0 && !GENERIC.has(t.word));
  return party.some((p) => p.keys.length > 0 && !GENERIC.has(p.word) && who.some((w) => termsMatch(w, p)));
}

/**
 * The side of a dispute the claim takes, if any: by the side's own words (they state `sideWords` of
 * the claim), or by the party whose account is among the passages that state `account` of it.
 */
export function sideTaken(content: readonly Term[], aligned: readonly Alignment[], disputes: readonly Dispute[], sideWords: number, account: number): SideTaken | null {
  // The account may state part of the claim and another passage the rest.
  const together = jointCoverage(content, aligned);
  let best: (SideTaken & { score: number }) | null = null;
  const offer = (dispute: Dispute, side: number, score: number) => {
    if (!best || score > best.score) best = { dispute, side, score };
  };
  const said = content.filter((t) => !t.name);
  for (const d of disputes) {
    // The claim must be about what the dispute is about, not merely name one of its parties.
    const about = passageOf(`${d.question} ${d.sides.map((x) => x.claim).join(' ')}`, []);
    if (align(said, about).coverage < TOPIC_SHARE) continue;
    d.sides.forEach((s, i) => {
      const own = align(content, passageOf(s.claim, s.citations)).coverage;
      if (own >= sideWords) offer(d, i, own);
      for (const a of aligned) {
        if (a.coverage >= ACCOUNT_SHARE && together >= account && names(partyOf(a.passage), s.claimant)) offer(d, i, a.coverage);
      }
    });
  }
  const found = best as (SideTaken & { score: number }) | null;
  return found ? { dispute: found.dispute, side: found.side } : null;
}
