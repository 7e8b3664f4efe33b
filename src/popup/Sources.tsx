import { useEffect, useRef } from 'preact/hooks';
import type { CitationCheck } from '../core/claims/citationCheck';
import type { Article, Link, Perspective, Source } from '../core/story/model';
import { formatDate } from '../core/text/format';
import { useCap } from './capped';
import type { Chips } from './chips';
import { misfitNote } from './citationNote';
import { t, tn } from './i18n';
import { ExternalLink } from './links';
import { outletName, prose, splitSpeaker } from './storyFacts';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Outlets (with their sources) and articles shown before "Show all …". */
const FIRST_OUTLETS = 8;
const FIRST_ARTICLES = 5;
const FIRST_LINKS = 5;

const dayOf = (iso: string | undefined, locale: string) => (iso ? formatDate(iso.slice(0, 10), 'day', locale) : null);

export function SourceCard({ n, source, published, check, onClose, locale }: { n: number; source: Source | undefined; published: string | undefined; check: CitationCheck | null; onClose: () => void; locale: string }) {
  const note = check?.n === n ? misfitNote(check) : null;
  const closeRef = useRef<HTMLButtonElement>(null);
  // Focus moves into the card when it opens (and back to its chip when it closes).
  useEffect(() => closeRef.current?.focus({ preventScroll: true }), [n]);
  const day = dayOf(published, locale);
  return (
    <aside id="source-card" class="source-card" aria-label={t('citation', n)}>
      <button type="button" class="close" ref={closeRef} aria-label={t('closeSource')} onClick={onClose}>
        ×
      </button>
      {source ? (
        <>
          <p class="outlet">
            [{n}] <bdi>{outletName(source.outlet, source.url, source.domain)}</bdi>
            {day && <span class="muted small"> · {t('published', day)}</span>}
          </p>
          {note && <p class="citation-note">{capitalise(note)}</p>}
          <p class="title">
            <bdi>{source.title || source.domain}</bdi>
          </p>
          {source.description && (
            <p>
              <bdi>{prose(source.description)}</bdi>
            </p>
          )}
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

/** The story's numbered sources, grouped by outlet (registry names), each a link with its date where the story has one. */
export function SourcesByOutlet({ sources, ownOutlet, chips, publishedOf, locale }: { sources: Source[]; ownOutlet: string | null; chips: Chips; publishedOf: (url: string | undefined) => string | undefined; locale: string }) {
  const groups = new Map<string, Source[]>();
  for (const s of sources) {
    const name = outletName(s.outlet, s.url, s.domain);
    groups.set(name, [...(groups.get(name) ?? []), s]);
  }
  const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  const own = ownOutlet === null ? null : outletName(ownOutlet).toLowerCase();
  const { limit, more } = useCap(ordered.length, FIRST_OUTLETS, () => tn('showAllSources', sources.length));
  if (sources.length === 0) return null;
  return (
    <section aria-labelledby="sources-h" id="sources">
      <h2 id="sources-h">{t('sourcesHeading')}</h2>
      <ul class="outlets plain">
        {ordered.slice(0, limit).map(([outlet, list]) => (
          <li key={outlet} class={own === outlet.toLowerCase() ? 'own' : undefined}>
            <p class="outlet">
              <bdi>{outlet}</bdi> <span class="count" aria-label={tn('nSources', list.length)}>{list.length}</span>
              {own === outlet.toLowerCase() && <span class="muted small"> · {t('yourOutlet')}</span>}
            </p>
            <ul class="plain">
              {list.map((s) => {
                const day = dayOf(publishedOf(s.url), locale);
                return (
                  <li key={s.n}>
                    {chips([s.n])}{' '}
                    <ExternalLink url={s.url}>
                      <bdi>{s.title || s.domain || s.outlet}</bdi>
                    </ExternalLink>
                    {day && <span class="muted small"> · {day}</span>}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
      {more}
    </section>
  );
}

/** Articles about the story that are not among its numbered sources. */
export function Articles({ articles, locale }: { articles: Article[]; locale: string }) {
  const { limit, more } = useCap(articles.length, FIRST_ARTICLES, (n) => tn('showAllArticles', n));
  if (articles.length === 0) return null;
  return (
    <section aria-labelledby="related-h" id="articles">
      <h2 id="related-h">{t('relatedArticles')}</h2>
      <ul class="plain articles">
        {articles.slice(0, limit).map((a, i) => {
          const day = dayOf(a.published, locale);
          return (
            <li key={i}>
              <span class="outlet">
                <bdi>{outletName(a.outlet, a.url, a.domain)}</bdi>
              </span>
              {day && <span class="muted small"> · {day}</span>}{' '}
              <ExternalLink url={a.url}>
                <bdi>{a.title}</bdi>
              </ExternalLink>
            </li>
          );
        })}
      </ul>
      {more}
    </section>
  );
}

export function Links({ links }: { links: Link[] }) {
  const { limit, more } = useCap(links.length, FIRST_LINKS, (n) => tn('showMore', n - FIRST_LINKS));
  if (links.length === 0) return null;
  return (
    <section aria-labelledby="external-h">
      <h2 id="external-h">{t('externalResources')}</h2>
      <ul class="plain">
        {links.slice(0, limit).map((l) => (
          <li key={l.url}>
            <ExternalLink url={l.url}>
              <bdi>{displayUrl(l.url)}</bdi>
            </ExternalLink>{' '}
            <span class="muted small">({tn('citedN', l.cited)})</span>
          </li>
        ))}
      </ul>
      {more}
    </section>
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

/** Each party's view as the story sums it up, with the sources that carry it. */
export function Perspectives({ perspectives }: { perspectives: Perspective[] }) {
  if (perspectives.length === 0) return null;
  return (
    <section aria-labelledby="perspectives-h" id="perspectives">
      <h2 id="perspectives-h">{t('perspectives')}</h2>
      <ul class="plain perspectives">
        {perspectives.map((p, i) => {
          const { speaker, view } = splitSpeaker(prose(p.text));
          return (
            <li key={i} class="perspective">
              {speaker && (
                <p class="claimant">
                  <bdi>{speaker}</bdi>
                </p>
              )}
              <p>
                <bdi>{view}</bdi>
              </p>
              {p.sources.length > 0 && (
                <p class="muted small">
                  {t('perspectiveSources')}{' '}
                  {p.sources.map((s, j) => (
                    <span key={j}>
                      {j > 0 && ', '}
                      <ExternalLink url={s.url}>
                        <bdi>{outletName(s.name, s.url)}</bdi>
                      </ExternalLink>
                    </span>
                  ))}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
