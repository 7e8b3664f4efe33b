/**
 * Passages: everything a story says, cut into sentences that Check claim can weigh as evidence.
 * Every prose field counts — summary sections (for Kagi stories also talking points, background,
 * technical details, the quote, the answers…), timeline entries, source descriptions, perspectives —
 * and article and source titles count as weaker evidence. Each passage keeps its citations, who
 * speaks in it (a perspective's or a quote's speaker), and the date it is about when the story dates
 * it (a timeline entry).
 */
import type { Story } from '../story/model';
import { ReadBudget } from '../text/budget';
import { splitSentences } from '../text/sentences';
import { extractFigures, type Figure } from './figures';
import { termsOf, type Term } from './terms';
import { dateMentions, type DateMention } from './when';

export type PassageOrigin = 'summary' | 'timeline' | 'source' | 'perspective' | 'title';

/** Where a passage sits in its story, to look up what was checked about it (its citations). */
export type PassageRef = { field: 'summary'; section: number; sentence: number } | { field: 'timeline'; entry: number } | { field: 'other' };

export interface Passage {
  text: string;
  citations: number[];
  ref: PassageRef;
  origin: PassageOrigin;
  /** The summary section's heading, for the reason a verdict gives. */
  section: string | null;
  /** Who speaks: a perspective's or a quote's speaker ("Somalia's government"), else null. */
  speaker: string | null;
  /** The date a timeline entry is about (ISO at its precision). */
  when: string | null;
  /** How much a passage counts as evidence: article titles are headlines, not statements. */
  weight: number;
  terms: Term[];
  figures: Figure[];
  dates: DateMention[];
}

/** Weight of a headline against a sentence of the story's own prose. */
const TITLE_WEIGHT = 0.6;
/** "Speaker: what they say" (perspectives, quotes); the speaker part is short and has no sentence end. */
const SPEAKER = /^([^:.!?“"]{2,120}?)(?:\s+\(quoted by [^)]{1,120}\))?:\s+(?=\S)/u;

/** The latest day the story dates, or its update time: what "Friday" in its prose is relative to. */
export function storyReference(story: Story): Date | undefined {
  const days = story.timeline.filter((e) => e.precision === 'day' && e.date).map((e) => e.date as string);
  const iso = story.updated?.slice(0, 10) ?? days.sort().at(-1);
  if (!iso) return undefined;
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12);
}

function passage(
  text: string,
  citations: number[],
  origin: PassageOrigin,
  rest: { section?: string | null; speaker?: string | null; when?: string | null; weight?: number; ref?: PassageRef },
  ref: Date | undefined,
): Passage {
  return {
    text,
    citations,
    ref: rest.ref ?? { field: 'other' },
    origin,
    section: rest.section ?? null,
    speaker: rest.speaker ?? null,
    when: rest.when ?? null,
    weight: rest.weight ?? 1,
    terms: termsOf(text),
    figures: extractFigures(text),
    dates: dateMentions(text, ref),
  };
}

/** A passage from words that are not one of the story's own fields (a dispute side). */
export function passageOf(text: string, citations: number[]): Passage {
  return passage(text, citations, 'summary', {}, undefined);
}

/**
 * Every passage of a story, prose first, titles last, read up to the story's read budget
 * (text/budget.ts): what lies beyond it is not evidence.
 */
export function storyPassages(story: Story): Passage[] {
  const ref = storyReference(story);
  const budget = new ReadBudget();
  const out: Passage[] = [];
  story.summary.forEach((section, i) => {
    section.sentences.forEach((s, j) => {
      const text = budget.take(s.text);
      if (!text && budget.spent) return;
      const speaker = section.heading === 'Quote' ? (SPEAKER.exec(text)?.[1] ?? null) : null;
      out.push(passage(text, s.citations, 'summary', { section: section.heading || null, speaker, ref: { field: 'summary', section: i, sentence: j } }, ref));
    });
  });
  story.timeline.forEach((e, i) => {
    if (budget.spent) return;
    const at = e.date ? new Date(`${e.date.length === 10 ? e.date : e.date.length === 7 ? `${e.date}-01` : `${e.date}-01-01`}T12:00:00`) : ref;
    for (const sentence of splitSentences(budget.take(e.text))) out.push(passage(sentence, e.citations, 'timeline', { when: e.date, section: e.label ?? e.date, ref: { field: 'timeline', entry: i } }, at));
  });
  for (const p of story.perspectives) {
    const text = budget.take(p.text);
    if (!text) continue;
    const speaker = SPEAKER.exec(text)?.[1]?.trim() ?? null;
    for (const sentence of splitSentences(text)) out.push(passage(sentence, [], 'perspective', { speaker }, ref));
  }
  const numbered = new Map<string, number>();
  for (const s of story.sources) {
    if (s.title && !numbered.has(s.title)) numbered.set(s.title, s.n);
    const description = budget.take(s.description);
    if (description) out.push(passage(description, [s.n], 'source', { speaker: s.outlet }, ref));
  }
  const titles = new Set<string>();
  for (const t of [story.title, ...story.sources.map((s) => s.title), ...story.articles.map((a) => a.title)]) {
    if (!t || titles.has(t)) continue;
    titles.add(t);
    const title = budget.take(t);
    if (!title) break;
    const n = numbered.get(t);
    out.push(passage(title, n ? [n] : [], 'title', { weight: TITLE_WEIGHT }, ref));
  }
  return out;
}
