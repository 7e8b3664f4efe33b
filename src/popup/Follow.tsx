import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../client';
import { countsOf, describeChange, totalOf, type StoryChange } from '../core/library/changes';
import type { Story } from '../core/story/model';
import { formatDate } from '../core/text/format';
import type { FollowView } from '../messages';
import { uiLocale } from './i18n';
import { ExternalLink } from './links';
import { outletName, prose } from './storyFacts';

/** New items of each kind listed by name; the rest are counted (the list is on the first screen). */
const LISTED = 5;

/**
 * Follow this story: a toggle button, and for a followed story what it gained since the reader last
 * looked (the background's key comparison, core/library/changes.ts). Asking marks the story seen, so
 * what is shown as new here is shown once; it stays on screen until the popup closes.
 */
export function Follow({ story }: { story: Story }) {
  const [view, setView] = useState<FollowView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    setView(null);
    setError(null);
    void sendMessage('follow.open', { id: story.id }).then((r) => {
      if (!live) return;
      if (r.ok) setView(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [story.id]);

  async function toggle() {
    if (!view) return;
    setBusy(true);
    const r = await sendMessage('follow.set', { id: story.id, follow: !view.followed });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    // What was new stays listed after following again; unfollowing clears it.
    setView(r.value.followed ? { ...r.value, change: view.change } : r.value);
  }

  const followed = view?.followed ?? false;
  return (
    <div class="follow">
      <p class="follow-row">
        <button type="button" class="follow-button" aria-pressed={followed} disabled={view === null || busy} aria-busy={view === null || busy} onClick={() => void toggle()}>
          {followed ? 'Unfollow' : 'Follow this story'}
        </button>{' '}
        <span class="muted small" role="status">
          {view === null && !error ? 'Checking whether you follow this story…' : followed ? 'You follow this story: Storylens marks its button when it gains articles, timeline entries or disputed claims.' : ''}
        </span>
      </p>
      {error && <p class="follow-error small">Follow: {error}</p>}
      {view?.followed && view.change && <News change={view.change} since={view.since} />}
    </div>
  );
}

function News({ change, since }: { change: StoryChange; since: string | null }) {
  const counts = countsOf(change);
  if (totalOf(counts) === 0) return null;
  const locale = uiLocale();
  const more = (n: number) => (n > LISTED ? <li class="muted small">and {n - LISTED} more</li> : null);
  return (
    <section class="follow-news" aria-labelledby="follow-news-h">
      <h2 id="follow-news-h">New since you last looked</h2>
      <p class="small">
        {describeChange(counts)}
        {since && <span class="muted"> · you last looked on {formatDate(since.slice(0, 10), 'day', locale)}</span>}
      </p>
      <ul>
        {change.articles.slice(0, LISTED).map((a, i) => (
          <li key={`a${i}`}>
            <span class="new-mark">New article</span> <ExternalLink url={a.url}><bdi>{a.title}</bdi></ExternalLink>{' '}
            <span class="muted small">{outletName(a.outlet, a.url, a.domain)}</span>
          </li>
        ))}
        {more(change.articles.length)}
        {change.timeline.slice(0, LISTED).map((e, i) => (
          <li key={`t${i}`}>
            <span class="new-mark">New in the timeline</span> <time dateTime={e.date ?? undefined}>{formatDate(e.date, e.precision, locale, e.label)}</time> <bdi>{prose(e.text)}</bdi>
          </li>
        ))}
        {more(change.timeline.length)}
        {change.disputes.slice(0, LISTED).map((d, i) => (
          <li key={`d${i}`}>
            <span class="new-mark">New disputed claim</span> <bdi>{d.question}</bdi>
          </li>
        ))}
        {more(change.disputes.length)}
      </ul>
    </section>
  );
}
