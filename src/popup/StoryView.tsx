import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { checkCitations, outletsByContent, type CitationCheck } from '../core/claims/citationCheck';
import type { Dispute } from '../core/claims/types';
import type { Match } from '../core/match/matcher';
import type { Source, Story, TimelineEntry } from '../core/story/model';
import { dateSortKey, formatDate } from '../core/text/format';
import { t, uiLocale } from './i18n';

/** Chips for citations as written; with their checks, a citation that does not fit its statement is marked. */
type Chips = (citations: readonly number[], checks?: readonly CitationCheck[]) => preact.JSX.Element[];

/** "cited as [2]; closest listed article: BBC, “…”", for a citation whose source does not fit; null when it fits. */
export function misfitNote(c: CitationCheck): string | null {
  if (c.fit !== 'misfit' && c.fit !== 'not-listed') return null;
  const closest = c.closest;
  if (!closest) return t('citedAsNotListed', c.n);
  return closest.kind === 'source' ? t('citedAsClosestSource', c.n, closest.n, closest.outlet, closest.title) : t('citedAsClosestArticle', c.n, closest.outlet, closest.title);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The story at a glance: header, summary with citation chips, disputes, timeline, sources. */
export function StoryView({ story, match, disputes }: { story: Story; match: Match | null; disputes: Dispute[] }) {
  const [openSource, setOpenSource] = useState<number | null>(null);
  /** The check of the chip that opened the card: the card says why a marked citation is marked. */
  const [openCheck, setOpenCheck] = useState<CitationCheck | null>(null);
  const checks = useMemo(() => checkCitations(story), [story]);
  const opener = useRef<HTMLElement | null>(null);
  const close = () => {
    setOpenSource(null);
    opener.current?.focus();
  };
  // While a source card is open, Escape closes the card (not the whole popup) wherever focus is.
  useEffect(() => {
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
  const sourceByN = new Map(story.sources.map((s) => [s.n, s]));
  const chips: Chips = (citations, checks) =>
    citations.map((n, i) => {
      const check = checks?.[i];
      const note = check?.n === n ? misfitNote(check) : null;
      const name = `${t('citation', n)}${sourceByN.get(n) ? `: ${sourceByN.get(n)?.outlet}` : ''}`;
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
  const readingOutlet = match?.outlet?.toLowerCase() ?? null;
  const locale = uiLocale();

  return (
    <main class="story">
      <header>
        <h1>{story.title}</h1>
        <p class="muted small">
          {[story.updated ? t('updated', formatDate(story.updated.slice(0, 10), 'day', locale)) : '', t('articles', story.articleCount), t('sources', story.sources.length)]
            .filter(Boolean)
            .join(' · ')}
        </p>
        {match && (
          <p class="reading">
            {t('youAreReading')} <strong>{match.outlet ?? match.title}</strong>
            {match.source !== null ? ` (${t('sourceN', match.source)})` : ''}
          </p>
        )}
      </header>

      {openSource !== null && <SourceCard n={openSource} source={sourceByN.get(openSource)} check={openCheck} onClose={close} />}

      <section aria-labelledby="summary-h">
        <h2 id="summary-h">{t('summary')}</h2>
        {story.summary.map((section, i) => (
          <article class="section" key={i}>
            {section.heading && <h3>{section.heading}</h3>}
            <p>
              {section.sentences.map((s, j) => (
                <span key={j}>
                  {s.text} {chips(s.citations, checks.summary[i]?.[j])}{' '}
                </span>
              ))}
            </p>
          </article>
        ))}
      </section>

      {disputes.length > 0 && <Disputes disputes={disputes} sourceByN={sourceByN} chips={chips} />}

      <Timeline entries={story.timeline} checks={checks.timeline} chips={chips} readingOutlet={readingOutlet} locale={locale} />

      <SourcesByOutlet sources={story.sources} ownOutlet={readingOutlet} chips={chips} />

      {story.articles.length > 0 && (
        <section aria-labelledby="related-h">
          <h2 id="related-h">{t('relatedArticles')}</h2>
          <ul class="plain">
            {story.articles.map((a, i) => (
              <li key={i}>
                <span class="outlet">{a.outlet}</span> <ExternalLink url={a.url}>{a.title}</ExternalLink>
              </li>
            ))}
          </ul>
        </section>
      )}

      {story.links.length > 0 && (
        <section aria-labelledby="external-h">
          <h2 id="external-h">{t('externalResources')}</h2>
          <ul class="plain">
            {story.links.map((l) => (
              <li key={l.url}>
                <ExternalLink url={l.url}>{displayUrl(l.url)}</ExternalLink> <span class="muted small">({t('citedTimes', l.cited)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}

function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^www\./, '')}${u.pathname.length > 1 ? u.pathname : ''}`;
  } catch {
    return url;
  }
}

/** A link that leaves the extension: marked as such for eyes and screen readers. */
function ExternalLink({ url, children }: { url: string | undefined; children: preact.ComponentChildren }) {
  if (!url || !/^https?:\/\//i.test(url)) return <span>{children}</span>;
  return (
    <a href={url} target="_blank" rel="noreferrer noopener" class="external">
      {children}
      <span aria-hidden="true"> ↗</span>
      <span class="visually-hidden"> ({t('leavesStorylens')})</span>
    </a>
  );
}

function SourceCard({ n, source, check, onClose }: { n: number; source: Source | undefined; check: CitationCheck | null; onClose: () => void }) {
  const note = check?.n === n ? misfitNote(check) : null;
  const closeRef = useRef<HTMLButtonElement>(null);
  // Focus moves into the card when it opens (and back to its chip when it closes).
  useEffect(() => closeRef.current?.focus({ preventScroll: true }), [n]);
  return (
    <aside id="source-card" class="source-card" aria-label={t('citation', n)}>
      <button type="button" class="close" ref={closeRef} aria-label={t('closeSource')} onClick={onClose}>
        ×
      </button>
      {source ? (
        <>
          <p class="outlet">
            [{n}] {source.outlet}
          </p>
          {note && <p class="citation-note">{capitalise(note)}</p>}
          <p class="title">{source.title || source.domain}</p>
          {source.description && <p>{source.description}</p>}
          {source.url && <ExternalLink url={source.url}>{t('openArticle')}</ExternalLink>}
        </>
      ) : (
        <>
          <p>{t('sourceNotListed', n)}</p>
          {note && check?.closest && <p class="citation-note">{capitalise(note)}</p>}
        </>
      )}
    </aside>
  );
}

function Disputes({ disputes, sourceByN, chips }: { disputes: Dispute[]; sourceByN: Map<number, Source>; chips: Chips }) {
  return (
    <section aria-labelledby="disputes-h" class="disputes">
      <h2 id="disputes-h">{t('disputedClaims')}</h2>
      {disputes.map((d, i) => (
        <article class="dispute" key={i} aria-label={d.question}>
          <h3>{d.question}</h3>
          <div class="sides">
            {d.sides.map((side, j) => {
              const outlets = [...new Set(side.citations.map((n) => sourceByN.get(n)?.outlet).filter((x): x is string => !!x))];
              return (
                <div class="side" key={j}>
                  <p class="claimant">{side.claimant}</p>
                  <p class="claim">“{side.claim}”</p>
                  <p class="muted small">
                    {t('reportedBy')} {outlets.join(', ') || '—'} {chips(side.citations)}
                  </p>
                </div>
              );
            })}
          </div>
        </article>
      ))}
    </section>
  );
}

const DAY = 86_400_000;
const startOf = (e: TimelineEntry) => (e.date ? Date.parse(e.precision === 'year' ? `${e.date}-01-01` : e.precision === 'month' ? `${e.date}-01` : e.date) : Number.NaN);

function gapLabel(fromMs: number, toMs: number): string | null {
  const days = Math.abs(toMs - fromMs) / DAY;
  if (!Number.isFinite(days) || days < 180) return null;
  const years = Math.floor(days / 365.25);
  if (years >= 1) return years === 1 ? t('gapYear') : t('gapYears', years);
  const months = Math.floor(days / 30.44);
  return months === 1 ? t('gapMonth') : t('gapMonths', months);
}

interface TimelineProps {
  entries: TimelineEntry[];
  /** The citation checks of each entry, in the story's order. */
  checks: CitationCheck[][];
  chips: Chips;
  readingOutlet: string | null;
  locale: string;
}

function Timeline({ entries, checks, chips, readingOutlet, locale }: TimelineProps) {
  const [newestFirst, setNewestFirst] = useState(false);
  if (entries.length === 0) return null;
  const sorted = entries
    .map((e, i) => ({ e, checks: checks[i] ?? [], i }))
    .sort((a, b) => dateSortKey(a.e.date).localeCompare(dateSortKey(b.e.date)) || a.i - b.i);
  if (newestFirst) sorted.reverse();
  return (
    <section aria-labelledby="timeline-h">
      <div class="section-head">
        <h2 id="timeline-h">{t('timeline')}</h2>
        <button type="button" class="toggle" aria-pressed={newestFirst} onClick={() => setNewestFirst(!newestFirst)}>
          {newestFirst ? t('newestFirst') : t('oldestFirst')}
        </button>
      </div>
      <ol class="timeline">
        {sorted.map(({ e, checks: entryChecks }, i) => {
          const prev = sorted[i - 1];
          const gap = prev ? gapLabel(startOf(prev.e), startOf(e)) : null;
          const own = readingOutlet !== null && outletsByContent(entryChecks).some((o) => o.toLowerCase() === readingOutlet);
          const notes = entryChecks.map(misfitNote).filter((x): x is string => x !== null);
          return [
            gap && (
              <li class="gap" aria-hidden="true" key={`gap-${i}`}>
                {gap}
              </li>
            ),
            <li key={i} class={own ? 'own' : undefined} data-precision={e.precision ?? 'none'}>
              <time dateTime={e.date ?? undefined}>{formatDate(e.date, e.precision, locale, e.label)}</time>
              {own && <span class="visually-hidden">{t('fromYourOutlet')}</span>}
              <p>
                {e.text} {chips(e.citations, entryChecks)}
              </p>
              {notes.map((note) => (
                <p class="citation-note" key={note}>
                  {capitalise(note)}
                </p>
              ))}
            </li>,
          ];
        })}
      </ol>
    </section>
  );
}

function SourcesByOutlet({ sources, ownOutlet, chips }: { sources: Source[]; ownOutlet: string | null; chips: Chips }) {
  const groups = new Map<string, Source[]>();
  for (const s of sources) groups.set(s.outlet, [...(groups.get(s.outlet) ?? []), s]);
  const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  return (
    <section aria-labelledby="sources-h">
      <h2 id="sources-h">{t('sourcesHeading')}</h2>
      <ul class="outlets plain">
        {ordered.map(([outlet, list]) => (
          <li key={outlet} class={ownOutlet === outlet.toLowerCase() ? 'own' : undefined}>
            <p class="outlet">
              {outlet} <span class="count">{list.length}</span>
            </p>
            <ul class="plain">
              {list.map((s) => (
                <li key={s.n}>
                  {chips([s.n])} <ExternalLink url={s.url}>{s.title || s.domain || s.outlet}</ExternalLink>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
