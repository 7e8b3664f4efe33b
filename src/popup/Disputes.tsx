import type { Dispute } from '../core/claims/types';
import type { Source } from '../core/story/model';
import { CappedChips, type Chips } from './chips';
import { t } from './i18n';
import { outletName, prose } from './storyFacts';

/**
 * The disputed claims, on the first screen: each question with who takes which side; the sides'
 * words, outlets and citations open under it, so the questions fit above the fold.
 */
export function Disputes({ disputes, sourceByN, chips }: { disputes: Dispute[]; sourceByN: Map<number, Source>; chips: Chips }) {
  return (
    <section aria-labelledby="disputes-h" class="disputes" id="disputes">
      <h2 id="disputes-h">{t('disputedClaims')}</h2>
      {disputes.length === 0 && <p class="muted">{t('noDisputes')}</p>}
      {disputes.map((d, i) => (
        <details class="dispute" key={i}>
          <summary>
            <h3>
              <bdi>{prose(d.question)}</bdi>
            </h3>
            <span class="muted small">
              {d.sides.map((s, j) => (
                <span key={j}>
                  {j > 0 && ' · '}
                  <bdi>{s.claimant}</bdi>
                </span>
              ))}
            </span>
          </summary>
          <div class="sides">
            {d.sides.map((side, j) => {
              const outlets = [...new Set(side.citations.map((n) => sourceByN.get(n)).filter((s): s is Source => !!s).map((s) => outletName(s.outlet, s.url, s.domain)))];
              return (
                <div class="side" key={j}>
                  <p class="claimant">
                    <bdi>{side.claimant}</bdi>
                  </p>
                  <p class="claim">
                    “<bdi>{prose(side.claim)}</bdi>”
                  </p>
                  <p class="muted small reported">
                    {t('reportedBy')} <bdi>{outlets.join(', ') || '—'}</bdi> <CappedChips citations={side.citations} chips={chips} />
                  </p>
                </div>
              );
            })}
          </div>
        </details>
      ))}
    </section>
  );
}
