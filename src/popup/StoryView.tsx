import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { checkCitations, type CitationCheck } from '../core/claims/citationCheck';
import type { Dispute } from '../core/claims/types';
import type { Match } from '../core/match/matcher';
import type { Story } from '../core/story/model';
import { KAGI_ATTRIBUTION } from '../core/feeds/kagi-attribution';
import { formatDate } from '../core/text/format';
import { afterPaint } from './afterPaint';
import { useCap } from './capped';
import { CappedChips, type Chips } from './chips';
import { misfitNote } from './citationNote';
import { CoverageStrip } from './Coverage';
import { Disputes } from './Disputes';
import { FollowButton, FollowNews, useFollow } from './Follow';
import { ExternalLink } from './links';
import { t, tn, uiLocale } from './i18n';
import { Articles, Links, Perspectives, SourceCard, SourcesByOutlet } from './Sources';
import { coverage, keyStep, outletName, prose } from './storyFacts';
import { Timeline } from './Timeline';

export { misfitNote } from './citationNote';

/** Summary sections shown before "Show N more". */
const FIRST_SECTIONS = 3;

/**
 * The story. The first screen answers what the story is and what is contested: title, update time,
 * who reports it, the disputed claims and the timeline step that matters now; then the sections a
 * reader can jump to: summary, timeline, perspectives, sources, articles.
 */
export function StoryView({ story, match, disputes, cut = false }: { story: Story; match: Match | null; disputes: Dispute[]; /** Too long to be sent whole (core/story/excerpt.ts). */ cut?: boolean }) {
  const [openSource, setOpenSource] = useState<number | null>(null);
  const follow = useFollow(story.id);
  /** The check of the chip that opened the card: the card says why a marked citation is marked. */
  const [openCheck, setOpenCheck] = useState<CitationCheck | null>(null);
  // The sections below the first screen (summary, timeline, perspectives, sources, articles) render
  // after the first screen is painted: a long story's lists cost its first screen nothing.
  const below = useBelowTheFold();
  const checks = useMemo(() => (below ? checkCitations(story) : null), [story, below]);
  const opener = useRef<HTMLElement | null>(null);
  const close = () => {
    setOpenSource(null);
    opener.current?.focus();
  };
  // While a source card is open, Escape closes the card (not the whole popup) wherever focus is.
  // Listened for from the moment the card is in the page (a layout effect): in a passive effect,
  // run after the next paint, an Escape pressed as the card appeared reached the browser, which
  // closes the popup (seen in the e2e test under load).
  useLayoutEffect(() => {
    if (openSource === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      close();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [openSource]);
  const sourceByN = useMemo(() => new Map(story.sources.map((s) => [s.n, s])), [story]);
  const publishedByUrl = useMemo(() => new Map(story.articles.filter((a) => a.url && a.published).map((a) => [a.url, a.published])), [story]);
  const publishedOf = (url: string | undefined) => (url ? publishedByUrl.get(url) : undefined);
  const chips: Chips = (citations, checks) =>
    citations.map((n, i) => {
      const check = checks?.[i];
      const note = check?.n === n ? misfitNote(check) : null;
      const source = sourceByN.get(n);
      const name = `${t('citation', n)}${source ? `: ${outletName(source.outlet, source.url, source.domain)}` : ''}`;
      return (
        <button
          key={n}
          type="button"
          class={note ? 'chip misfit' : 'chip'}
          aria-expanded={openSource === n}
          aria-controls="source-card"
          aria-label={note ? `${name}; ${note}` : name}
          title={note ?? undefined}
          onClick={(e) => {
            opener.current = e.currentTarget as HTMLElement;
            setOpenCheck(note ? (check ?? null) : null);
            setOpenSource(openSource === n ? null : n);
          }}
        >
          {n}
        </button>
      );
    });
  // The outlet the reader is on: the timeline highlights what that outlet reported, judged by content
  // (a citation whose source does not fit the entry does not count; the article that fits it does).
  const readingOutlet = match?.outlet ?? null;
  const locale = uiLocale();
  const cover = useMemo(() => coverage(story, readingOutlet), [story, readingOutlet]);
  const step = useMemo(() => keyStep(story.timeline, Date.now()), [story]);
  const sourceUrls = new Set(story.sources.map((s) => s.url).filter(Boolean));
  // Related articles that are not already listed as sources.
  const related = story.articles.filter((a) => !a.url || !sourceUrls.has(a.url));
  const outletCount = cover.outlets.length;
  const counts = t('coverageCounts', tn('nArticles', story.articleCount), tn('nSources', story.sources.length), tn('nOutlets', outletCount));
  const jumps = (
    [
      ['summary', t('summary'), story.summary.length > 0],
      ['timeline', t('timeline'), story.timeline.length > 0],
      ['perspectives', t('perspectives'), story.perspectives.length > 0],
      ['sources', t('sourcesHeading'), story.sources.length > 0],
      ['articles', t('relatedArticles'), related.length > 0],
    ] as const
  ).filter(([, , present]) => present);

  return (
    <main class="story" aria-busy={!checks}>
      <header>
        {/* elementtiming: bench:popup reads when the title was painted (Element Timing). */}
        <h1 elementtiming="storylens-story">
          <bdi>{story.title}</bdi>
        </h1>
        <div class="meta-row">
          <p class="muted small meta">{[story.updated ? t('updated', formatDate(story.updated.slice(0, 10), 'day', locale)) : '', counts].filter(Boolean).join(' · ')}</p>
          <FollowButton follow={follow} />
        </div>
        {cut && <p class="muted small cut-note">{t('storyCut')}</p>}
        {story.format === 'kagi' && (
          <p class="muted small attribution">
            Stories: <ExternalLink url={KAGI_ATTRIBUTION.url}>{KAGI_ATTRIBUTION.source}</ExternalLink>, <ExternalLink url={KAGI_ATTRIBUTION.licenseUrl}>{KAGI_ATTRIBUTION.license}</ExternalLink>
          </p>
        )}
        {match && (
          <p class="reading">
            {t('youAreReading')} <strong>{outletName(match.outlet ?? match.title)}</strong>
            {match.source !== null ? ` (${t('sourceN', match.source)})` : ''}
          </p>
        )}
        <CoverageStrip coverage={cover} locale={locale} />
      </header>
      <FollowNews follow={follow} />

      {openSource !== null && <SourceCard n={openSource} source={sourceByN.get(openSource)} published={publishedOf(sourceByN.get(openSource)?.url)} check={openCheck} onClose={close} locale={locale} />}

      <Disputes disputes={disputes} sourceByN={sourceByN} chips={chips} />

      {step && (
        <section class="key-step" aria-labelledby="step-h">
          <h2 id="step-h">{step.upcoming ? t('nextStep') : t('latestStep')}</h2>
          <p>
            <time dateTime={step.entry.date ?? undefined}>{formatDate(step.entry.date, step.entry.precision, locale, step.entry.label)}</time>{' '}
            <bdi>{prose(step.entry.text)}</bdi>
          </p>
        </section>
      )}

      <nav class="jump" aria-label={t('jumpTo')}>
        <span class="muted small">{t('jumpTo')}:</span>{' '}
        {jumps.map(([id, label], i) => (
          <span key={id}>
            {i > 0 && ' · '}
            <a href={`#${id}`}>{label}</a>
          </span>
        ))}
      </nav>

      {checks && (
        <>
          <Summary story={story} checks={checks.summary} chips={chips} />

          <Timeline entries={story.timeline} checks={checks.timeline} chips={chips} readingOutlet={readingOutlet} locale={locale} />

          <Perspectives perspectives={story.perspectives} />

          <SourcesByOutlet sources={story.sources} ownOutlet={readingOutlet} chips={chips} publishedOf={publishedOf} locale={locale} />

          <Articles articles={related} locale={locale} />

          <Links links={story.links} />
        </>
      )}
    </main>
  );
}

/**
 * False for the first render, true once it has been painted (afterPaint.ts: a real frame, not
 * Preact's 35 ms stand-in for one); once the rest is painted too, `storylens:complete` is marked for
 * bench/popup.ts, beside the first screen's `storylens:ready`.
 */
function useBelowTheFold(): boolean {
  const [shown, setShown] = useState(false);
  useEffect(
    () =>
      afterPaint(() => {
        if (!shown) setShown(true);
        else if (performance.getEntriesByName('storylens:complete').length === 0) performance.mark('storylens:complete');
      }),
    [shown],
  );
  return shown;
}

function Summary({ story, checks, chips }: { story: Story; checks: CitationCheck[][][]; chips: Chips }) {
  const { limit, more } = useCap(story.summary.length, FIRST_SECTIONS, (n) => tn('showMore', n - FIRST_SECTIONS));
  const heading = t('summary').toLowerCase();
  return (
    <section aria-labelledby="summary-h" id="summary">
      <h2 id="summary-h">{t('summary')}</h2>
      {story.summary.slice(0, limit).map((section, i) => (
        <article class="section" key={i}>
          {/* A section named like the whole (a feed's "Summary") needs no second heading. */}
          {section.heading && section.heading.trim().toLowerCase() !== heading && (
            <h3>
              <bdi>{section.heading}</bdi>
            </h3>
          )}
          <p>
            {section.sentences.map((s, j) => (
              <span key={j}>
                <bdi>{prose(s.text)}</bdi> <CappedChips citations={s.citations} checks={checks[i]?.[j]} chips={chips} />{' '}
              </span>
            ))}
          </p>
        </article>
      ))}
      {more}
    </section>
  );
}
