import type { Verdict } from '../core/claims/check';
import { t } from './i18n';

const LABEL: Record<Verdict['verdict'], string> = {
  disputed: 'verdict_disputed',
  supported: 'verdict_supported',
  contradicted: 'verdict_contradicted',
  'fact-checked': 'verdict_fact_checked',
  'not-found': 'verdict_not_found',
};

/** The last Check claim verdict for this tab: the label, what was found, and the evidence's sources. */
export function VerdictView({ claim, verdict }: { claim: string; verdict: Verdict }) {
  return (
    <section class="verdict" aria-labelledby="verdict-h">
      <h2 id="verdict-h">{t('checkedClaim')}</h2>
      <p class="claim-text">“{claim}”</p>
      <p>
        <span class={`badge ${verdict.verdict}`}>{t(LABEL[verdict.verdict])}</span>
      </p>
      {verdict.dispute ? (
        <div class="dispute">
          <h3>{verdict.dispute.question}</h3>
          <div class="sides">
            {verdict.evidence.map((e, i) => (
              <div class="side" key={i}>
                <p>{e.text}</p>
                <p class="muted small">
                  {t('reportedBy')} {e.outlets.join(', ') || '—'} {e.citations.length ? `[${e.citations.join('][')}]` : ''}
                </p>
              </div>
            ))}
          </div>
        </div>
      ) : (
        <>
          <p>{verdict.summary}</p>
          <ul class="plain evidence">
            {verdict.evidence.slice(0, 4).map((e, i) => (
              <li key={i}>
                {e.text} <span class="muted small">— {e.outlets.join(', ') || '—'} {e.citations.length ? `[${e.citations.join('][')}]` : ''}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {verdict.factCheck?.url && /^https?:\/\//.test(verdict.factCheck.url) && (
        <p class="small">
          {verdict.factCheck.publisher ?? ''} {verdict.factCheck.rating ? `“${verdict.factCheck.rating}”` : ''}{' '}
          <a href={verdict.factCheck.url} target="_blank" rel="noreferrer noopener">
            {t('readFactCheck')}
            <span aria-hidden="true"> ↗</span>
            <span class="visually-hidden"> ({t('leavesStorylens')})</span>
          </a>
        </p>
      )}
    </section>
  );
}
