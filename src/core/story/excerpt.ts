/**
 * What the popup is sent of a story. A message is serialized whole on the background's thread and
 * copied by the browser: the 10 MB story of the hardening bench held the worker for about a second
 * each time the popup opened it. So each of the story's lists (summary, sources, timeline, articles,
 * links, perspectives) is sent up to LIST_CHARS characters, its items in order and whole, and a text
 * longer than FIELD_READ_LIMIT is cut there (at a space, with "…"), as the claim steps read it
 * (text/budget.ts). `cut` says whether anything was left out, so the popup can say so.
 *
 * LIST_CHARS, from the dev data: the largest dev story is 53 KB as JSON, all its lists together;
 * 100,000 characters a list is about ten times that list at most, so every dev story is sent whole,
 * and a story at the limit is at most 600 KB (tens of milliseconds to send: `npm run bench:library`).
 */
import { FIELD_READ_LIMIT } from '../text/budget';
import type { Story } from './model';

export const LIST_CHARS = 100_000;

export interface StoryExcerpt {
  story: Story;
  /** Whether items were left out or texts cut. */
  cut: boolean;
}

/** Characters left to a list, and whether anything of it was left out. */
interface Budget {
  left: number;
  cut: boolean;
}

/** Left out: an item that does not fit in what is left of its list. */
const DROPPED = Symbol('dropped');

/** A text as sent: whole, or cut at FIELD_READ_LIMIT (at a space near the end). */
function text(s: string, budget: Budget): string {
  if (s.length <= FIELD_READ_LIMIT) return s;
  budget.cut = true;
  const space = s.lastIndexOf(' ', FIELD_READ_LIMIT);
  return `${s.slice(0, space > FIELD_READ_LIMIT * 0.9 ? space : FIELD_READ_LIMIT)}…`;
}

/**
 * `value` within `budget`: a scalar is charged its size (with its key, roughly); an object's scalars
 * first, then its lists, which keep the items that fit, in order; an object whose scalars do not fit
 * is left out whole (an item is never sent without its required fields).
 */
function within(value: unknown, budget: Budget): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const kept = within(item, budget);
      if (kept === DROPPED) {
        budget.cut = true;
        break;
      }
      out.push(kept);
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const lists: [string, unknown[]][] = [];
    for (const [key, v] of Object.entries(value)) {
      if (Array.isArray(v)) {
        lists.push([key, v]);
        continue;
      }
      const kept = within(v, budget);
      if (kept === DROPPED) return DROPPED;
      out[key] = kept;
    }
    for (const [key, v] of lists) out[key] = within(v, budget);
    return out;
  }
  const scalar = typeof value === 'string' ? text(value, budget) : value;
  const size = (typeof scalar === 'string' ? scalar.length : 8) + 8;
  if (size > budget.left) return DROPPED;
  budget.left -= size;
  return scalar;
}

/** The story as the popup is sent it (see above); the story itself is not changed. */
export function storyExcerpt(story: Story): StoryExcerpt {
  let cut = false;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(story)) {
    if (!Array.isArray(value)) {
      out[key] = value;
      continue;
    }
    const budget: Budget = { left: LIST_CHARS, cut: false };
    out[key] = within(value, budget);
    cut ||= budget.cut;
  }
  return { story: out as Story, cut };
}
