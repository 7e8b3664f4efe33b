/** A disputed claim: a short question, and the accounts that answer it differently. */
export interface DisputeSide {
  /** Who says it: "Trump", "the Kremlin", "U.S. officials", an outlet. */
  claimant: string;
  /** What they say, in the story's words. */
  claim: string;
  /** The story's source numbers that report this side. */
  citations: number[];
}

export interface Dispute {
  question: string;
  sides: DisputeSide[];
}
