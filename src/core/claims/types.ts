/** A disputed claim: a short question, and the accounts that answer it differently. */
export interface DisputeSide {
  /** Who says it, as the story writes the party ("the ministry", "critics", "Somalia and the African Union"). */
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
