import { formatDate } from '../core/text/format';
import { useCap } from './capped';
import { t, tn } from './i18n';
import type { Coverage } from './storyFacts';

/** Outlets named in the strip before "Show N more". */
const FIRST_OUTLETS = 6;

/** The coverage strip: who reports the story, how often, since when; the reader's outlet marked. */
export function CoverageStrip({ coverage, locale }: { coverage: Coverage; locale: string }) {
  const { outlets, from, to } = coverage;
  const { limit, more } = useCap(outlets.length, FIRST_OUTLETS, (n) => tn('showMore', n - FIRST_OUTLETS));
  if (outlets.length === 0) return null;
  const day = (iso: string) => formatDate(iso.slice(0, 10), 'day', locale);
  const span = from && to ? (day(from) === day(to) ? t('coverageOn', day(from)) : t('coverageSpan', day(from), day(to))) : null;
  return (
    <div class="coverage" role="group" aria-labelledby="coverage-h">
      <ul class="plain coverage-outlets">
        <li class="coverage-head" id="coverage-h">
          {t('coverageHeading')} {tn('nOutlets', outlets.length)}:
        </li>
        {outlets.slice(0, limit).map((o) => (
          <li key={o.name} class={o.own ? 'own' : undefined} data-reports={o.reports} title={o.own ? t('yourOutlet') : undefined}>
            {o.own && (
              <span class="own-mark" aria-hidden="true">
                ●{' '}
              </span>
            )}
            <bdi class="name">{o.name}</bdi> <span class="count" aria-hidden="true">{o.reports}</span>
            <span class="visually-hidden">
              {' '}
              ({tn('nReports', o.reports)}
              {o.own ? `; ${t('yourOutlet')}` : ''})
            </span>
          </li>
        ))}
        {more && <li class="bare">{more}</li>}
        {span && <li class="bare muted small span">{span}</li>}
      </ul>
    </div>
  );
}
