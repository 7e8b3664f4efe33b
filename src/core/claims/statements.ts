/**
 * Statements: a story's summary, timeline, source descriptions and perspectives cut into atomic
 * clauses, each with who says it (claimant), how (stance), what it counts (figures), when (dates,
 * relative ones resolved against the story's dates) and which sources report it (citations).
 */
import type { Story } from '../story/model';
import { resolveDatePhrase } from '../text/dates';
import { splitSentences } from '../text/sentences';
import { extractFigures, type Figure } from './figures';

export type Stance = 'asserts' | 'denies' | 'declines' | 'accuses' | 'reports';

export interface Statement {
  text: string;
  /** Who says it, normalised ("Trump", "the Kremlin", "U.S. officials"), or null for the story's own voice. */
  claimant: string | null;
  /** The side a claimant speaks for ("us", "russia", "ukraine"), for telling opponents apart. */
  camp: string | null;
  stance: Stance;
  /** The stance verb as written ("claims", "declines to confirm"). */
  verb: string | null;
  /** What is said, without the claimant and verb. */
  proposition: string;
  figures: Figure[];
  /** ISO dates mentioned in the statement (day precision), relative ones resolved. */
  dates: string[];
  /** The date the statement is about or was made (its timeline date, at its precision), when known. */
  when: string | null;
  citations: number[];
  origin: 'summary' | 'timeline' | 'source' | 'perspective';
}

/** Actors and the camp each speaks for. Longest names first so "President Donald Trump" wins over "Trump". */
const ACTORS: [RegExp, string, string][] = [
  [/\b(?:U\.S\.|US|American) officials\b/i, 'U.S. officials', 'us'],
  [/\bWhite House\b/i, 'the White House', 'us'],
  [/\b(?:President\s+)?(?:Donald\s+)?Trump\b/i, 'Trump', 'us'],
  [/\bKremlin\b/i, 'the Kremlin', 'russia'],
  [/\bMoscow\b/i, 'Moscow', 'russia'],
  [/\b(?:President\s+)?(?:Vladimir\s+)?Putin\b/i, 'Putin', 'russia'],
  [/\bRussia(?:n forces|n officials)?\b|\bRussian(?=\s+(?:confirmation|government|officials|forces))/i, 'Russia', 'russia'],
  [/\b(?:Ukraine['’]s\s+)?(?:President\s+)?(?:Volodymyr\s+)?Zelensk[yi]y?\b/i, 'Zelensky', 'ukraine'],
  [/\bUkrainian air force\b/i, 'the Ukrainian air force', 'ukraine'],
  [/\bKyiv officials\b/i, 'Kyiv officials', 'ukraine'],
  [/\bUkraine\b/i, 'Ukraine', 'ukraine'],
  [/\bNATO(?: Secretary[\u2010-\u2015-]General)?(?: Mark)? ?(?:Rutte)?\b/, 'NATO', 'nato'],
];

/** Stance verbs, most specific first. */
const STANCES: [RegExp, Stance][] = [
  [/\b(?:still\s+)?(?:declines?|declined|declining|refuses?|refused)\s+to\s+(?:confirm|comment)\b|\boffers?\s+no\s+comment\b|\boffered\s+no\s+comment\b|\bno\s+comment\b|\bnon[\u2010-\u2015-]?confirmation\b|\black\s+of\s+\w+\s+confirmation\b|\bsilence\b|\bdid\s+not\s+confirm\b/i, 'declines'],
  [/\bden(?:ies|ied|ying|ial)\b|\brejects?\b|\brejected\b|\bdisputes?\b/i, 'denies'],
  [/\baccus(?:es|ed|ing|ation)\b/i, 'accuses'],
  [/\b(?:claims?|claimed|says|said|saying|asserts?|asserted|maintains?|maintained|insists?|repeats?|repeated|announced|announces|tells|told|framed|frames|described|describes|calls?|called|stating|states|warns?|urges?|proposes?|thanks?|welcomed|condemned|condemns|reported|reports|recorded|added|notes?|noted)\b/i, 'asserts'],
];

const VERBS_3P = 'says|said|calls|thanks|warns|accuses|denies|declines|reports|offers|maintains|urges|condemns|proposes|claims|asserts|insists|repeats|plans';
const NAME = String.raw`(?:the\s+)?[A-Z][\p{L}.\u2010-\u2015-]*(?:\s+[A-Z][\p{L}.\u2010-\u2015-]*){0,3}`;
/** Where one clause ends and the next begins: semicolons, "while", and a new speaker with a verb. */
const CLAUSE_SPLIT = new RegExp(
  [
    String.raw`;\s+`,
    String.raw`,["”’]?\s+(?:while|though|whereas)\s+`,
    String.raw`\s+but\s+(?=(?:noted|said|says|the\s|[A-Z]))`,
    String.raw`,\s+(?:and\s+)?(?=${NAME}\s+(?:still\s+)?(?:${VERBS_3P})\b)`,
    String.raw`\s+and\s+(?=[A-Z][\p{L}.]*['’]s\s)`,
    String.raw`\s+as\s+(?=forecasts\s)`,
  ].join('|'),
  'u',
);
/** Source descriptions are lists of noun phrases: every comma starts an item. */
const LIST_SPLIT = /,\s+(?:and\s+)?|\s+and\s+(?=[A-Z][\p{L}.]*['’]s\s)/u;

function findActor(text: string): { name: string; camp: string; index: number } | null {
  let best: { name: string; camp: string; index: number } | null = null;
  for (const [re, name, camp] of ACTORS) {
    const m = re.exec(text);
    if (m && (best === null || m.index < best.index)) best = { name, camp, index: m.index };
  }
  return best;
}

function findStance(text: string): { stance: Stance; verb: string; index: number; end: number } | null {
  let best: { stance: Stance; verb: string; index: number; end: number } | null = null;
  for (const [re, stance] of STANCES) {
    const m = re.exec(text);
    if (m && (best === null || m.index < best.index || (m.index === best.index && stance !== 'asserts'))) {
      best = { stance, verb: m[0], index: m.index, end: m.index + m[0].length };
    }
  }
  return best;
}

const MONTHS = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
const DATE_IN_TEXT = new RegExp(String.raw`\b${MONTHS}\s+\d{1,2}(?:,\s*\d{4})?\b|\b(?:the\s+following\s+|next\s+|last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`, 'g');

/** Dates named in a text, resolved against `ref` (the statement's date or the story's). */
export function datesIn(text: string, ref: Date | undefined): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DATE_IN_TEXT)) {
    const phrase = m[0].replace(/^(the\s+following|next)\s+/i, '');
    const forward = /^(the\s+following|next)\s+/i.test(m[0]) || /\buntil\s*$/i.test(text.slice(0, m.index));
    const d = resolveDatePhrase(phrase, ref, forward ? 'future' : 'past');
    if (d && d.precision === 'day') out.push(d.date);
  }
  return out;
}

function refDate(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12);
}

/** The latest day-precise date the story speaks of: what "Sunday" in its summary is relative to. */
function storyRef(story: Story): string | null {
  const days = story.timeline.filter((e) => e.precision === 'day' && e.date).map((e) => e.date as string);
  return days.sort().at(-1) ?? story.updated?.slice(0, 10) ?? null;
}

/** Cuts a sentence into clauses and reads each one. */
export function statementsOf(text: string, citations: number[], origin: Statement['origin'], when: string | null, fallbackClaimant: string | null = null): Statement[] {
  const out: Statement[] = [];
  let lastActor = null as { name: string; camp: string } | null;
  const clauses = text
    .split(origin === 'source' ? LIST_SPLIT : CLAUSE_SPLIT)
    .map((c) => c.trim().replace(/[\s.]+$/, ''))
    .filter((c) => c.length > 3);
  for (const clause of clauses) {
    const stance = findStance(clause);
    const actor = findActor(stance ? clause.slice(0, stance.index + 1) : clause) ?? findActor(clause);
    // The claimant is the actor named before the stance verb; "saying Putin agreed" keeps the speaker.
    const nominal = origin === 'source';
    const speaker: { name: string; camp: string; index: number } | null = nominal
      ? actor
      : actor && stance && actor.index < stance.index
        ? actor
        : stance && lastActor && /^(saying|and|but)\b/i.test(clause)
          ? { ...lastActor, index: 0 }
          : actor;
    const claimant = speaker?.name ?? fallbackClaimant;
    const proposition = !nominal && stance && speaker && speaker.index < stance.index ? clause.slice(stance.end).replace(/^\s*(that|to)\s+/i, '').trim() : clause;
    out.push({
      text: clause,
      claimant,
      camp: speaker?.camp ?? null,
      stance: stance?.stance ?? 'reports',
      verb: stance?.verb ?? null,
      proposition,
      figures: extractFigures(clause),
      dates: datesIn(clause, refDate(when)),
      when,
      citations,
      origin,
    });
    if (speaker) lastActor = speaker;
  }
  return out;
}

/** Every statement of a story. */
export function storyStatements(story: Story): Statement[] {
  const out: Statement[] = [];
  const ref = storyRef(story);
  for (const section of story.summary) {
    for (const s of section.sentences) out.push(...statementsOf(s.text, s.citations, 'summary', ref));
  }
  for (const e of story.timeline) {
    for (const sentence of splitSentences(e.text)) out.push(...statementsOf(sentence, e.citations, 'timeline', e.date));
  }
  for (const s of story.sources) {
    if (s.description) out.push(...statementsOf(s.description, [s.n], 'source', ref, s.outlet));
  }
  for (const p of story.perspectives) {
    const who = /^([^:]{2,80}):\s/.exec(p.text)?.[1] ?? null;
    out.push(...statementsOf(p.text, [], 'perspective', ref, who));
  }
  return out;
}
