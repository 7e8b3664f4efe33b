import { useState } from 'preact/hooks';
import { outletsByContent, type CitationCheck } from '../core/claims/citationCheck';
import type { TimelineEntry } from '../core/story/model';
import { dateSortKey, formatDate } from '../core/text/format';
import { useCap } from './capped';
import { CappedChips, type Chips } from './chips';
import { misfitNote } from './citationNote';
import { t, tn } from './i18n';
import { outletName, prose } from './storyFacts';

const DAY = 86_400_000;
const startOf = (e: TimelineEntry) => (e.date ? Date.parse(e.precision === 'year' ? `${e.date}-01-01` : e.precision === 'month' ? `${e.date}-01` : e.date) : Number.NaN);

/** Timeline entries shown before "Show all N entries". */
const FIRST_ENTRIES = 15;

function gapLabel(fromMs: number, toMs: number): string | null {
  const days = Math.abs(toMs - fromMs) / DAY;
  if (!Number.isFinite(days) || days < 180) return null;
  const years = Math.floor(days / 365.25);
  if (years >= 1) return years === 1 ? t('gapYear') : t('gapYears', years);
  const months = Math.floor(days / 30.44);
  return months === 1 ? t('gapMonth') : t('gapMonths', months);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface TimelineProps {
  entries: TimelineEntry[];
  /** The citation checks of each entry, in the story's order. */
  checks: CitationCheck[][];
  chips: Chips;
  readingOutlet: string | null;
  locale: string;
}

export function Timeline({ entries, checks, chips, readingOutlet, locale }: TimelineProps) {
  const [newestFirst, setNewestFirst] = useState(false);
  const { limit, more } = useCap(entries.length, FIRST_ENTRIES, (n) => tn('showAllEntries', n));
  if (entries.length === 0) return null;
  const sorted = entries
    .map((e, i) => ({ e, checks: checks[i] ?? [], i }))
    .sort((a, b) => dateSortKey(a.e.date).localeCompare(dateSortKey(b.e.date)) || a.i - b.i);
  if (newestFirst) sorted.reverse();
  const own = readingOutlet === null ? null : outletName(readingOutlet).toLowerCase();
  const shown = sorted.slice(0, limit);
  return (
    <section aria-labelledby="timeline-h" id="timeline">
      <div class="section-head">
        <h2 id="timeline-h">{t('timeline')}</h2>
        <button type="button" class="toggle" onClick={() => setNewestFirst(!newestFirst)}>
          {newestFirst ? t('showOldestFirst') : t('showNewestFirst')}
        </button>
      </div>
      <ol class="timeline">
        {shown.map(({ e, checks: entryChecks }, i) => {
          const prev = shown[i - 1];
          const gap = prev ? gapLabel(startOf(prev.e), startOf(e)) : null;
          const isOwn = own !== null && outletsByContent(entryChecks).some((o) => outletName(o).toLowerCase() === own);
          // Each distinct note once: an entry citing one source thousands of times has one check for it (citationCheck.ts).
          const notes = [...new Set([...new Set(entryChecks)].map(misfitNote).filter((x): x is string => x !== null))];
          return [
            gap && (
              <li class="gap" aria-hidden="true" key={`gap-${i}`}>
                {gap}
              </li>
            ),
            <li key={i} class={isOwn ? 'own' : undefined} data-precision={e.precision ?? 'none'}>
              <time dateTime={e.date ?? undefined}>{formatDate(e.date, e.precision, locale, e.label)}</time>
              {isOwn && <span class="visually-hidden">{t('fromYourOutlet')}</span>}
              <p>
                <bdi>{prose(e.text)}</bdi> <CappedChips citations={e.citations} checks={entryChecks} chips={chips} />
              </p>
              {notes.slice(0, 3).map((note) => (
                <p class="citation-note" key={note}>
                  <bdi>{capitalise(note)}</bdi>
                </p>
              ))}
            </li>,
          ];
        })}
      </ol>
      {more}
    </section>
  );
}
