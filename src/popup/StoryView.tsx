import { useState } from 'preact/hooks';
import type { Match } from '../core/match/matcher';
import type { Source, Story, TimelineEntry } from '../core/story/model';
import { formatDate } from '../core/text/format';
import { dateSortKey } from '../core/text/dates';

/** The story at a glance: header, summary with citation chips, timeline, sources. */
export function StoryView({ story, match }: { story: Story; match: Match | null }) {
  const [openSource, setOpenSource] = useState<number | null>(null);
  const sourceByN = new Map(story.sources.map((s) => [s.n, s]));
  const chips = (citations: number[]) =>
    citations.map((n) => (
      <button
        key={n}
        type="button"
        class="chip"
        aria-expanded={openSource === n}
        aria-label={`Source ${n}${sourceByN.get(n) ? `: ${sourceByN.get(n)?.outlet}` : ''}`}
        onClick={() => setOpenSource(openSource === n ? null : n)}
      >
        {n}
      </button>
    ));
  const open = openSource === null ? undefined : sourceByN.get(openSource);

  return (
    <main class="story">
      <header>
        <h1>{story.title}</h1>
        <p class="meta">
          {story.updated ? `Updated ${formatDate(story.updated.slice(0, 10), 'day')} · ` : ''}
          {story.articleCount} {story.articleCount === 1 ? 'article' : 'articles'} · {story.sources.length} sources
        </p>
        {match && (
          <p class="reading">
            You are reading: <strong>{match.outlet ?? 'this outlet'}</strong>
            {match.source !== null ? ` (source ${match.source})` : ''}
          </p>
        )}
      </header>

      {openSource !== null && <SourceCard n={openSource} source={open} onClose={() => setOpenSource(null)} />}

      <section aria-labelledby="summary-h">
        <h2 id="summary-h">Summary</h2>
        {story.summary.map((section, i) => (
          <article class="section" key={i}>
            {section.heading && <h3>{section.heading}</h3>}
            <p>
              {section.sentences.map((s, j) => (
                <span key={j}>
                  {s.text} {chips(s.citations)}{' '}
                </span>
              ))}
            </p>
          </article>
        ))}
      </section>

      <Timeline entries={story.timeline} chips={chips} />

      <section aria-labelledby="sources-h">
        <h2 id="sources-h">Sources</h2>
        <ol class="sources">
          {story.sources.map((s) => (
            <li key={s.n} value={s.n}>
              <span class="outlet">{s.outlet}</span> {s.url ? <a href={s.url} target="_blank" rel="noreferrer noopener">{s.title || s.url}</a> : <span>{s.title}</span>}
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}

function SourceCard({ n, source, onClose }: { n: number; source: Source | undefined; onClose: () => void }) {
  return (
    <aside class="source-card" role="dialog" aria-label={`Source ${n}`}>
      <button type="button" class="close" aria-label="Close source" onClick={onClose}>
        ×
      </button>
      {source ? (
        <>
          <p class="outlet">
            [{n}] {source.outlet}
          </p>
          <p class="title">{source.title}</p>
          {source.description && <p>{source.description}</p>}
          {source.url && (
            <a href={source.url} target="_blank" rel="noreferrer noopener">
              Open the article
            </a>
          )}
        </>
      ) : (
        <p>
          [{n}] is cited in the story but is not in its source list, so Storylens has no link for it.
        </p>
      )}
    </aside>
  );
}

function Timeline({ entries, chips }: { entries: TimelineEntry[]; chips: (c: number[]) => unknown }) {
  const sorted = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => dateSortKey(a.e.date).localeCompare(dateSortKey(b.e.date)) || a.i - b.i)
    .map((x) => x.e);
  if (sorted.length === 0) return null;
  return (
    <section aria-labelledby="timeline-h">
      <h2 id="timeline-h">Timeline</h2>
      <ol class="timeline">
        {sorted.map((e, i) => (
          <li key={i} data-precision={e.precision ?? 'none'}>
            <time dateTime={e.date ?? undefined}>{formatDate(e.date, e.precision, 'en-US', e.label)}</time>
            <p>
              {e.text} {chips(e.citations)}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
