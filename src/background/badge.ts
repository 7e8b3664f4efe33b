/**
 * What the toolbar button says about the tab: its badge text, colour and tooltip, composed in one
 * place so that later marks (for example a followed story's change) are added here and nowhere else.
 *
 * A matched page's badge is the number of the story's disputed claims, the one fact a reader cannot
 * see from the page itself; a story with none shows a neutral dot, not "0" (which reads as "nothing
 * found") and not a tick (which reads as "verified"). The tooltip says what the mark means.
 *
 * A story the reader follows that gained articles, timeline entries or disputed claims they have not
 * seen: on a page with no story of its own (and as the button's global state) the badge is "+" and
 * the number of new items, in its own colour; on a matched page the page's story keeps the badge and
 * the tooltip adds what changed. The tooltip names each changed story and says what is new.
 */
import { describeChange, totalOf, type ChangeCounts } from '../core/library/changes';

/** What the button shows. `text` '' means no badge. */
export interface BadgeState {
  text: string;
  /** Background colour, CSS hex; only meaningful with text. */
  color: string;
  title: string;
}

/** What the tab's badge is about. */
export interface BadgeInput {
  /** The story the page belongs to, or null when it belongs to none (no badge). */
  story: { title: string; disputes: number } | null;
  /** Followed stories with changes the reader has not seen (follows.ts); none when absent. */
  followed?: readonly { title: string; counts: ChangeCounts }[];
}

/** Looks up an extension message (browser.i18n.getMessage); '' when the key is missing. */
export type Messages = (key: string, substitutions?: string[]) => string;

/** The mark of a matched page whose story has no disputed claims. */
export const NO_DISPUTES_MARK = '•';
/** Badges hold about four characters: larger counts are shown as this. */
const MAX_SHOWN = 99;
/** Disputes use the popup's warning tone; a plain match the accent (both carry white text at ≥ 4.5:1). */
const DISPUTED_COLOR = '#8a4600';
const MATCHED_COLOR = '#1c2e5c';
/** A followed story's news: green, apart from both (white text at ≥ 4.5:1). */
const FOLLOWED_COLOR = '#1d5e3a';
/** Changed followed stories named in the tooltip; more are counted ("and 3 more"). */
const MAX_NAMED = 3;

const plural = new Intl.PluralRules('en');

/** The words of the tooltip, from the extension's messages, with English when a key is missing. */
function explain(disputes: number, messages: Messages): string {
  if (disputes === 0) return messages('badgeNoDisputes', [NO_DISPUTES_MARK]) || `${NO_DISPUTES_MARK}: a story covers this page; no disputed claims found.`;
  const form = plural.select(disputes) === 'one' ? 'one' : 'other';
  return messages(`badgeDisputes_${form}`, [String(disputes)]) || `${disputes}: ${disputes === 1 ? 'disputed claim' : 'disputed claims'} in this story; open Storylens to see both sides.`;
}

/** The tooltip's lines about followed stories that changed ('' for none). */
function explainFollowed(followed: readonly { title: string; counts: ChangeCounts }[], messages: Messages): string {
  if (followed.length === 0) return '';
  const heading = messages('badgeFollowedChanged') || 'New in stories you follow (open Storylens on the story to see it):';
  const lines = followed.slice(0, MAX_NAMED).map((f) => `${f.title}: ${describeChange(f.counts)}`);
  const more = followed.length - MAX_NAMED;
  if (more > 0) lines.push(messages('badgeFollowedMore', [String(more)]) || `and ${more} more`);
  return `${heading}\n${lines.join('\n')}`;
}

export function badgeFor({ story, followed = [] }: BadgeInput, messages: Messages): BadgeState {
  const news = followed.filter((f) => totalOf(f.counts) > 0);
  const aboutFollowed = explainFollowed(news, messages);
  if (!story) {
    if (news.length === 0) return { text: '', color: MATCHED_COLOR, title: 'Storylens' };
    const items = news.reduce((n, f) => n + totalOf(f.counts), 0);
    return { text: items > MAX_SHOWN ? `${MAX_SHOWN}+` : `+${items}`, color: FOLLOWED_COLOR, title: `Storylens\n${aboutFollowed}` };
  }
  const { disputes } = story;
  return {
    text: disputes === 0 ? NO_DISPUTES_MARK : disputes > MAX_SHOWN ? `${MAX_SHOWN}+` : String(disputes),
    color: disputes === 0 ? MATCHED_COLOR : DISPUTED_COLOR,
    title: `Storylens: ${story.title}\n${explain(disputes, messages)}${aboutFollowed ? `\n\n${aboutFollowed}` : ''}`,
  };
}
