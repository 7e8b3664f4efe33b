/**
 * How much of a page's lead (its first paragraphs) the matcher reads. The content script sends no
 * more: a longer message costs the page time to send. A module of its own so that the content script
 * takes this number without the matcher.
 */
export const LEAD_CHARS = 1200;
