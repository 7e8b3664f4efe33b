/**
 * What a story gained since the reader last looked at it: the articles, timeline entries and
 * disputed claims it holds now that the reader's snapshot does not. A snapshot keeps keys, not
 * counts: a later edition merged in place renumbers sources and citations, lists some articles in
 * another order, or drops one while adding another, and none of that is "new" unless an item the
 * reader has not seen is there. Pure: the background keeps the snapshots, the popup shows the result.
 */
import type { Dispute } from '../claims/types';
import type { Article, Story, TimelineEntry } from '../story/model';
import { linkKey } from './identity';

/** What the reader has seen of a story, as keys (see the `*Key` functions). */
export interface StorySnapshot {
  articles: string[];
  timeline: string[];
  disputes: string[];
}

/** The items of the current story that are not in the snapshot, in the story's order. */
export interface StoryChange {
  articles: Article[];
  timeline: TimelineEntry[];
  disputes: Dispute[];
}

/** How many of each, for the badge, the notification and stored state. */
export interface ChangeCounts {
  articles: number;
  timeline: number;
  disputes: number;
}

const fold = (s: string): string => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/** An article is its address (as the merge and the recogniser key it); without one, its outlet and title. */
export const articleKey = (a: Article): string => (a.url && linkKey(a.url)) || `${fold(a.outlet)}\n${fold(a.title)}`;

/**
 * A timeline entry is its words. Not its date: an entry dated relative to the edition ("Friday")
 * resolves against each day's publication date, and a later edition may state a date more
 * precisely; neither is a new event. Not its citations: they are renumbered by a merge.
 */
export const timelineKey = (e: TimelineEntry): string => fold(e.text);

/** A dispute is its question and who takes part (not their citations, renumbered by a merge). */
export const disputeKey = (d: Dispute): string => [fold(d.question), ...d.sides.map((s) => fold(s.claimant)).sort()].join('\n');

/** What the reader sees of `story` now, as a snapshot to compare later versions with. */
export function snapshotOf(story: Story, disputes: readonly Dispute[]): StorySnapshot {
  return {
    articles: [...new Set(story.articles.map(articleKey))],
    timeline: [...new Set(story.timeline.map(timelineKey))],
    disputes: [...new Set(disputes.map(disputeKey))],
  };
}

function unseen<T>(items: readonly T[], key: (item: T) => string, seen: readonly string[]): T[] {
  const known = new Set(seen);
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (known.has(k)) continue;
    known.add(k); // the same item listed twice is one new item
    out.push(item);
  }
  return out;
}

/** The items of `story` (and its `disputes`) the reader has not seen in `seen`. */
export function changeSince(seen: StorySnapshot, story: Story, disputes: readonly Dispute[]): StoryChange {
  return {
    articles: unseen(story.articles, articleKey, seen.articles),
    timeline: unseen(story.timeline, timelineKey, seen.timeline),
    disputes: unseen(disputes, disputeKey, seen.disputes),
  };
}

export const countsOf = (c: StoryChange): ChangeCounts => ({ articles: c.articles.length, timeline: c.timeline.length, disputes: c.disputes.length });

export const totalOf = (c: ChangeCounts): number => c.articles + c.timeline + c.disputes;

const plural = new Intl.PluralRules('en');
const counted = (n: number, one: string, other: string): string => `${n} ${plural.select(n) === 'one' ? one : other}`;

/** "2 new articles, 1 new timeline entry" (English; '' for no change). */
export function describeChange(c: ChangeCounts): string {
  return [
    c.articles ? counted(c.articles, 'new article', 'new articles') : '',
    c.timeline ? counted(c.timeline, 'new timeline entry', 'new timeline entries') : '',
    c.disputes ? counted(c.disputes, 'new disputed claim', 'new disputed claims') : '',
  ]
    .filter(Boolean)
    .join(', ');
}
