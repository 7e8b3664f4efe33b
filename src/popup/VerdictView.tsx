import type { Evidence, Verdict } from '../core/claims/check';
import { t } from './i18n';
import { ExternalLink } from './links';
import { outletName, prose } from './storyFacts';

const LABEL: Record<Verdict['verdict'], string> = {
  disputed: 'verdict_disputed',
  supported: 'verdict_supported',
  contradicted: 'verdict_contradicted',
  'fact-checked': 'verdict_fact_checked',
  'not-found': 'verdict_not_found',
};

/** Evidence lines shown under a verdict. */
const MAX_EVIDENCE = 4;
/** Citation chips per evidence line. */
const MAX_CHIPS = 6;

/** Citations as chips (the evidence's story may not be the one shown, so they name their outlet rather than open a card). */
function CitationChips({ e }: { e: Evidence }) {
  return (
    <>
      {e.citations.slice(0, MAX_CHIPS).map((n) => (
        <span class="chip static" key={n} title={t('citation', n)}>
          {n}
        </span>
      ))}
    </>
  );
}

/**
 * Who reports the evidence, without the outlet the reader is on: a page cannot confirm itself. When
 * only that outlet reports it, the reader is told so.
 */
function Reporters({ e, own }: { e: Evidence; own: string | null }) {
  const names = [...new Set(e.outlets.map((o) => outletName(o)))];
  const others = names.filter((n) => n.toLowerCase() !== own);
  if (names.length > 0 && others.length === 0) return <span class="muted small">{t('onlyYourOutlet')}</span>;
  // Citations the story does not list name no outlet: their chips say where the text cites.
  if (names.length === 0)
    return (
      <span class="muted small">
        <CitationChips e={e} />
      </span>
    );
  return (
    <span class="muted small">
      {own !== null && names.length !== others.length ? t('reportedByOthers') : t('reportedBy')} <bdi>{others.join(', ') || '—'}</bdi> <CitationChips e={e} />
    </span>
  );
}

/** The last Check claim verdict for this tab: the label, the one-sentence reason, who reports what, and the fact-check once. */
export function VerdictView({ claim, verdict, ownOutlet }: { claim: string; verdict: Verdict; ownOutlet: string | null }) {
  const own = ownOutlet === null ? null : outletName(ownOutlet).toLowerCase();
  const fc = verdict.factCheck;
  return (
    <section class="verdict" aria-labelledby="verdict-h">
      <h2 id="verdict-h">{t('checkedClaim')}</h2>
      <p class="claim-text">
        “<bdi>{claim}</bdi>”
      </p>
      <p>
        <span class={`badge ${verdict.verdict}`}>{t(LABEL[verdict.verdict])}</span>
      </p>
      <p class="verdict-summary">
        <bdi>{verdict.summary}</bdi>
      </p>
      {verdict.missing && verdict.missing.length > 0 && (
        <p class="small">
          {t('missingParts')} <bdi>{verdict.missing.join('; ')}</bdi>
        </p>
      )}
      {verdict.dispute ? (
        <div class="dispute-sides">
          <h3>
            <bdi>{prose(verdict.dispute.question)}</bdi>
          </h3>
          <div class="sides">
            {verdict.evidence.slice(0, MAX_EVIDENCE).map((e, i) => (
              <div class="side" key={i}>
                <p>
                  <bdi>{prose(e.text)}</bdi>
                </p>
                <p>
                  <Reporters e={e} own={own} />
                </p>
              </div>
            ))}
          </div>
        </div>
      ) : (
        <ul class="plain evidence">
          {verdict.evidence.slice(0, MAX_EVIDENCE).map((e, i) => (
            <li key={i}>
              <bdi>{prose(e.text)}</bdi> <Reporters e={e} own={own} />
            </li>
          ))}
        </ul>
      )}
      {fc && (
        <p class="small fact-check">
          {/* A fact-checked verdict's sentence already names the publisher and rating: they are not repeated. */}
          {verdict.verdict !== 'fact-checked' && (
            <>
              {fc.publisher ? t('factCheckBy', fc.publisher) : ''}
              {fc.rating ? `${fc.publisher ? ', ' : ''}${t('factCheckRated', fc.rating)}` : ''}{' '}
            </>
          )}
          {fc.url && <ExternalLink url={fc.url}>{t('readFactCheck')}</ExternalLink>}
        </p>
      )}
    </section>
  );
}
