import { useState } from 'preact/hooks';
import type { CitationCheck } from '../core/claims/citationCheck';
import { tn } from './i18n';

/** Chips for citations as written; with their checks, a citation that does not fit its statement is marked. */
export type Chips = (citations: readonly number[], checks?: readonly CitationCheck[]) => preact.JSX.Element[];

/** Chips shown per statement before "+N more sources": a statement citing hundreds stays one line. */
export const CHIP_CAP = 6;

/** The first CHIP_CAP chips of a statement, and a button for the rest. */
export function CappedChips({ citations, checks, chips }: { citations: readonly number[]; checks?: readonly CitationCheck[] | undefined; chips: Chips }) {
  const [all, setAll] = useState(false);
  if (all || citations.length <= CHIP_CAP) return <>{chips(citations, checks)}</>;
  const rest = citations.length - CHIP_CAP;
  return (
    <>
      {chips(citations.slice(0, CHIP_CAP), checks?.slice(0, CHIP_CAP))}
      <button type="button" class="chip more-chips" onClick={() => setAll(true)}>
        {tn('moreCitations', rest)}
      </button>
    </>
  );
}
