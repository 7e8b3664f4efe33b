/**
 * What the toolbar button says about the tab: its badge text, colour and tooltip, composed in one
 * place so that later marks (for example a followed story's change) are added here and nowhere else.
 *
 * A matched page's badge is the number of the story's disputed claims, the one fact a reader cannot
 * see from the page itself; a story with none shows a neutral dot, not "0" (which reads as "nothing
 * found") and not a tick (which reads as "verified"). The tooltip says what the mark means.
 */

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

const plural = new Intl.PluralRules('en');

/** The words of the tooltip, from the extension's messages, with English when a key is missing. */
function explain(disputes: number, messages: Messages): string {
  if (disputes === 0) return messages('badgeNoDisputes', [NO_DISPUTES_MARK]) || `${NO_DISPUTES_MARK}: a story covers this page; no disputed claims found.`;
  const form = plural.select(disputes) === 'one' ? 'one' : 'other';
  return messages(`badgeDisputes_${form}`, [String(disputes)]) || `${disputes}: ${disputes === 1 ? 'disputed claim' : 'disputed claims'} in this story; open Storylens to see both sides.`;
}

export function badgeFor({ story }: BadgeInput, messages: Messages): BadgeState {
  if (!story) return { text: '', color: MATCHED_COLOR, title: 'Storylens' };
  const { disputes } = story;
  return {
    text: disputes === 0 ? NO_DISPUTES_MARK : disputes > MAX_SHOWN ? `${MAX_SHOWN}+` : String(disputes),
    color: disputes === 0 ? MATCHED_COLOR : DISPUTED_COLOR,
    title: `Storylens: ${story.title}\n${explain(disputes, messages)}`,
  };
}
