import { useEffect, useState } from 'preact/hooks';
import { sendMessage } from '../client';
import { countsOf, describeChange, totalOf, type StoryChange } from '../core/library/changes';
import { formatDate } from '../core/text/format';
import type { FollowView } from '../messages';
import { uiLocale } from './i18n';
import { ExternalLink } from './links';
import { outletName, prose } from './storyFacts';

/** New items of each kind listed by name; the rest are counted (the list is on the first screen). */
const LISTED = 5;

/** The follow state of the story on screen, shared by the button (on the meta line) and the news. */
export interface FollowState {
  view: FollowView | null;
  error: string | null;
  busy: boolean;
  toggle: () => Promise<void>;
}

/**
 * Follow this story: whether the reader follows it, and for a followed story what it gained since
 * the reader last looked (the background's key comparison, core/library/changes.ts). Asking marks
 * the story seen, so what is shown as new here is shown once; it stays until the popup closes.
 */
export function useFollow(id: string): FollowState {
  const [view, setView] = useState<FollowView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    let live = true;
    setView(null);
    setError(null);
    void sendMessage('follow.open', { id }).then((r) => {
      if (!live) return;
      if (r.ok) setView(r.value);
      else setError(r.error);
    });
    return () => {
      live = false;
    };
  }, [id]);

  async function toggle() {
    if (!view) return;
    setBusy(true);
    const r = await sendMessage('follow.set', { id, follow: !view.followed });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    // What was new stays listed after following again; unfollowing clears it.
    setView(r.value.followed ? { ...r.value, change: view.change } : r.value);
  }
  return { view, error, busy, toggle };
}

const FOLLOWING_NOTE = 'You follow this story: Storylens marks its button when it gains articles, timeline entries or disputed claims.';

/**
 * The toggle, small enough to share the meta line: the first screen keeps its room for the
 * disputes. What following does is its tooltip and, for screen readers, a status line.
 */
export function FollowButton({ follow }: { follow: FollowState }) {
  const { view, error, busy } = follow;
  const followed = view?.followed ?? false;
  return (
    <span class="follow">
      <button type="button" class="follow-button" aria-pressed={followed} disabled={view === null || busy} aria-busy={view === null || busy} title={followed ? FOLLOWING_NOTE : 'Follow this story: Storylens marks its button when it gains articles, timeline entries or disputed claims.'} onClick={() => void follow.toggle()}>
        {followed ? 'Unfollow' : 'Follow this story'}
      </button>
      <span class="visually-hidden" role="status">
        {view === null && !error ? 'Checking whether you follow this story…' : followed ? FOLLOWING_NOTE : ''}
      </span>
    </span>
  );
}

/** Under the header: a failure to follow, or what a followed story gained since the reader last looked. */
export function FollowNews({ follow }: { follow: FollowState }) {
  const { view, error } = follow;
  if (error) return <p class="follow-error small">Follow: {error}</p>;
  if (!view?.followed || !view.change) return null;
  return <News change={view.change} since={view.since} />;
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
