/**
 * A Check claim verdict as the background, the popup, the card and the CLI read it: what was found,
 * the one-sentence reason, the evidence with its sources, and what differs or is missing.
 */
import type { Dispute } from './types';

export type VerdictKind = 'disputed' | 'supported' | 'contradicted' | 'fact-checked' | 'not-found';

/** What part of a claim conflicts with the sources. */
export type ConflictKind = 'figure' | 'date' | 'name' | 'negation' | 'swap';

export interface Evidence {
  text: string;
  citations: number[];
  story: string;
  /** The outlets behind the citations, as the story names them. */
  outlets: string[];
}

export interface FactCheckHit {
  id: string;
  claim: string;
  rating?: string | undefined;
  publisher?: string | undefined;
  url?: string | undefined;
  score: number;
}

/** The part of the claim that differs, and what the sources say instead. */
export interface Difference {
  kind: ConflictKind;
  /** The claim's words ("120 missiles"). */
  claim: string;
  /** The sources' words ("about 70 missiles"). */
  sources: string;
  citations: number[];
}

export interface Verdict {
  verdict: VerdictKind;
  /** One plain sentence saying what was compared and found. */
  summary: string;
  evidence: Evidence[];
  /** For `disputed`: the dispute, with the story it belongs to. */
  dispute?: Dispute & { story: string };
  /** The side of the dispute the claim takes (index into dispute.sides). */
  side?: number;
  /** For `contradicted`: what conflicts. */
  conflict?: ConflictKind;
  difference?: Difference;
  /** For `not-found` about a story: the parts of the claim the story does not state. */
  missing?: string[];
  factCheck?: FactCheckHit;
  /** Fact-check records ranked for the claim, best first (empty when none are loaded). */
  ranked: { id: string; score: number }[];
}

/** Something that ranks fact-check records for a text (the fact-check index). */
export interface FactCheckSource {
  rank(text: string, k: number): FactCheckHit[];
  /** Is this hit strong enough to call the claim fact-checked? */
  confident(hit: FactCheckHit, text: string): boolean;
}
