/**
 * Statements: a story's prose (summary sections, timeline, source descriptions, perspectives) cut
 * into clauses, each with who says it (claimant, from attribution), how (stance), what it counts
 * (figures), when (dates, relative ones resolved against the story's dates) and which sources
 * report it (citations).
 */
import type { Story } from '../story/model';
import { ReadBudget, unreadChars } from '../text/budget';
import { resolveDatePhrase } from '../text/dates';
import { splitSentences } from '../text/sentences';
import { fold } from '../text/tokens';
import { attribute, type Attribution } from './attribution';
import { extractFigures, type Figure } from './figures';
import { mayCarryStance } from './stance';
import { tagAhead } from './tagging';

export type { Stance } from './stance';

/**
 * A clause with its attribution (who says it, how, what, about whom) and what the story knows of it.
 * The speaker is resolved here, so an attribution's `continues` is not kept.
 */
export interface Statement extends Omit<Attribution, 'continues'> {
  text: string;
  figures: Figure[];
  /** ISO dates mentioned in the statement (day precision), relative ones resolved. */
  dates: string[];
  /** The date the statement is about or was made (its timeline date, at its precision), when known. */
  when: string | null;
  citations: number[];
  origin: 'summary' | 'timeline' | 'source' | 'perspective';
  /** Which sentence or item of the story it comes from (statements of one sentence share it). */
  unit: number;
}

const MONTHS = String.raw`(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?`;
const DATE_IN_TEXT = new RegExp(String.raw`\b${MONTHS}\s+\d{1,2}(?:,\s*\d{4})?\b|\b(?:the\s+following\s+|next\s+|last\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`, 'g');

const UNTIL_BEFORE = /\buntil\s*$/i;

/** Dates named in a text, resolved against `ref` (the statement's date or the story's). */
export function datesIn(text: string, ref: Date | undefined): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(DATE_IN_TEXT)) {
    const phrase = m[0].replace(/^(the\s+following|next)\s+/i, '');
    // "until" just before the date: only the last few characters are looked at (the whole text before
    // each date made this quadratic: a story of date phrases took minutes).
    const forward = /^(the\s+following|next)\s+/i.test(m[0]) || UNTIL_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index));
    const d = resolveDatePhrase(phrase, ref, forward ? 'future' : 'past');
    if (d && d.precision === 'day') out.push(d.date);
  }
  return out;
}

export function refDate(iso: string | null | undefined): Date | undefined {
  if (!iso) return undefined;
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12);
}

/** The latest day-precise date the story speaks of: what "Sunday" in its summary is relative to. */
function storyRef(story: Story): string | null {
  const days = story.timeline.filter((e) => e.precision === 'day' && e.date).map((e) => e.date as string);
  return days.sort().at(-1) ?? story.updated?.slice(0, 10) ?? null;
}

const REPORTING_3P = 'says|said|calls|called|warns|warned|accuses|accused|denies|denied|declines|reports|maintains|urges|condemns|condemned|rejected|rejects|claims|asserts|insists|argues|argued|thanks|thanked|welcomed|welcomes|tells|told';
const NAME = String.raw`(?:the\s+)?[A-Z][\p{L}.\u2010-\u2015-]*(?:\s+[A-Z][\p{L}.\u2010-\u2015-]*){0,3}`;
/**
 * Where one clause ends and the next begins: semicolons, contrast ("while", "whereas", "but"), a
 * new speaker with a reporting verb, a possessive speaker ("and Moscow's denial"), and a
 * participle that goes on reporting the same speaker (", saying …").
 */
const CLAUSE_SPLIT = new RegExp(
  [
    String.raw`;\s+`,
    String.raw`,["”’]?\s+(?:while|though|whereas)\s+`,
    String.raw`\s+(?:while|whereas)\s+(?=(?:the\s+)?[\p{Ll}\p{Lu}]+\s+(?:${REPORTING_3P}|argue|say|frame|call|warn)\b)`,
    String.raw`,?\s+but\s+`,
    String.raw`,["”’]?\s+(?:and\s+)?(?=${NAME}\s+(?:still\s+)?(?:${REPORTING_3P})\b)`,
    String.raw`\s+and\s+(?=[A-Z][\p{L}.]*['’]s\s)`,
    String.raw`,\s+(?=(?:saying|adding|warning|arguing|claiming|insisting|noting|calling|describing)\b)`,
    String.raw`,?\s+and\s+(?=(?:he|she|they|it)\s+\p{Ll}+s\b)`,
    String.raw`\s+and\s+(?=(?:${REPORTING_3P})\s)`,
  ].join('|'),
  'u',
);
/** Source descriptions are lists of noun phrases: every comma starts an item. */
const LIST_SPLIT = /,\s+(?:and\s+)?|\s+and\s+(?=[A-Z][\p{L}.]*['’]s\s)/u;

/** "Nigeria’s foreign ministry: It confirmed …": a leading party name. A topic label ("Symbol ban:") is not one. */
// `[^\p{L}]*` alone: spaces are not letters, and a second run of spaces after it backtracked
// quadratically on a text of spaces.
const LEADING_PARTY = /^[^\p{L}]*([\p{Lu}][^:]{1,100}?):\s+(?=\S)/u;
function leadingParty(text: string): { who: string; body: string } | null {
  const m = LEADING_PARTY.exec(text);
  if (!m) return null;
  const who = (m[1] ?? '').trim();
  const named = who.replace(/\([^)]*\)/g, '').split(/[\s/]+/).filter((w) => /^\p{L}/u.test(w) && !/^(?:and|of|the|by|as|in|on|for|de|al)$/i.test(w));
  // A party is written as a name: every word capitalised, or quoted by someone.
  if (!/\bquoted\s+by\b/i.test(who) && !named.every((w) => /^\p{Lu}/u.test(w))) return null;
  return { who, body: text.slice(m[0].length) };
}

interface Context {
  citations: number[];
  origin: Statement['origin'];
  when: string | null;
  /** The speaker of the whole text (a perspective's party, a quote's author), when known. */
  speaker: string | null;
  unit: number;
  /** The story's outlets, folded. */
  outlets: ReadonlySet<string>;
}

function statement(clause: string, a: Attribution | null, claimant: string | null, ctx: Context): Statement {
  return {
    text: clause,
    claimant,
    stance: a?.stance ?? 'reports',
    verb: a?.verb ?? null,
    proposition: a?.proposition ?? clause,
    target: a?.target ?? null,
    object: a?.object ?? null,
    complement: a?.complement ?? null,
    evaluation: a?.evaluation ?? null,
    figures: extractFigures(clause),
    dates: datesIn(clause, refDate(ctx.when)),
    when: ctx.when,
    citations: ctx.citations,
    origin: ctx.origin,
    unit: ctx.unit,
  };
}

/**
 * The longest clause parsed for who says what: the longest text of the dev stories is 883
 * characters. Parsing takes time in proportion to the clause, and a run of thousands of characters
 * with no clause break (a list of citations) is no one's statement.
 */
const MAX_PARSED_CLAUSE = 2_000;

/** A clause without its spaces and its final dots, in one pass (`/[\s.]+$/` is quadratic on a run of them). */
function trimClause(c: string): string {
  let end = c.length;
  while (end > 0 && (c[end - 1] === ' ' || c[end - 1] === '.')) end--;
  let start = 0;
  while (start < end && c[start] === ' ') start++;
  return c.slice(start, end);
}

/** A text cut into clauses. */
function clausesOf(text: string, origin: Context['origin']): string[] {
  // One space between words: the splits and the parser look around `\s+`, which a long run of
  // spaces made quadratic (each position of the run scanned to its end).
  return text
    .replace(/\s+/g, ' ')
    .split(origin === 'source' ? LIST_SPLIT : CLAUSE_SPLIT)
    .map(trimClause)
    .filter((c) => c.length > 3);
}

/** Clauses whose attribution is read (and so tagged). */
const parsed = (clause: string) => clause.length <= MAX_PARSED_CLAUSE && mayCarryStance(clause);

/** Reads each clause of a text. */
function statementsOf(text: string, ctx: Context): Statement[] {
  const out: Statement[] = [];
  let last: string | null = ctx.speaker;
  for (const clause of clausesOf(text, ctx.origin)) {
    const a = parsed(clause) ? attribute(clause) : null;
    // A source description speaks for its outlet; only a named speaker inside it ("the ministry's non-confirmation") is a party.
    let claimant = a?.claimant ?? (a?.continues ? last : null);
    // An outlet reporting is the story's voice, not a party to what it reports.
    if (claimant && ctx.outlets.has(fold(claimant).replace(/^the\s+/, ''))) claimant = null;
    // A perspective or a quote speaks for its party throughout; a clause there that reports nothing asserts.
    if (ctx.speaker) claimant = ctx.speaker;
    const stance = ctx.speaker && (!a || a.stance === 'reports') ? 'asserts' : (a?.stance ?? 'reports');
    out.push({ ...statement(clause, a, claimant, ctx), stance });
    // A clause with a subject of its own that reports nothing ends the previous speaker's turn.
    if (claimant) last = claimant;
    else if (!a?.continues) last = ctx.speaker;
  }
  return out;
}

/** The texts statements are read from, in the order they are read. */
function* statementTexts(story: Story): Generator<string> {
  for (const section of story.summary) for (const s of section.sentences) yield s.text;
  for (const e of story.timeline) yield e.text;
  for (const s of story.sources) yield s.description;
  for (const p of story.perspectives) yield p.text;
}

/** How many characters of the story's prose its statements leave unread (text/budget.ts). */
export const unreadProse = (story: Story): number => unreadChars(statementTexts(story));

/** The texts of a story its statements are read from, each with its context, up to the read budget. */
function statementJobs(story: Story): [string, Context][] {
  const ref = storyRef(story);
  const budget = new ReadBudget();
  const outlets = new Set([...story.sources.map((s) => s.outlet), ...story.articles.map((a) => a.outlet), ...story.perspectives.flatMap((p) => p.sources.map((s) => s.name))].flatMap((o) => [fold(o).replace(/^the\s+/, ''), fold(o).replace(/^www\./, '').split('.')[0] ?? '']));
  let unit = 0;
  const jobs: [string, Context][] = [];
  const read = (text: string, ctx: Context) => jobs.push([text, ctx]);
  for (const section of story.summary) {
    for (const s of section.sentences) {
      const text = budget.take(s.text);
      if (!text && budget.spent) break;
      const party = leadingParty(text);
      read(party?.body ?? text, { citations: s.citations, origin: 'summary', when: ref, speaker: party?.who ?? null, unit: unit++, outlets });
    }
  }
  for (const e of story.timeline) {
    for (const sentence of splitSentences(budget.take(e.text))) read(sentence, { citations: e.citations, origin: 'timeline', when: e.date, speaker: null, unit: unit++, outlets });
  }
  for (const s of story.sources) {
    const description = budget.take(s.description);
    if (description) read(description, { citations: [s.n], origin: 'source', when: ref, speaker: null, unit: unit++, outlets });
  }
  for (const p of story.perspectives) {
    const text = budget.take(p.text);
    if (!text) continue;
    const party = leadingParty(text) ?? (/^([^:]{2,100}):\s+(.+)$/s.exec(text) ? { who: text.split(':')[0] ?? '', body: text.slice(text.indexOf(':') + 1).trim() } : null);
    const citations = story.sources.filter((s) => p.sources.some((x) => x.url && x.url === s.url)).map((s) => s.n);
    read(party?.body ?? text, { citations, origin: 'perspective', when: ref, speaker: party?.who ?? null, unit: unit++, outlets });
  }
  return jobs;
}

/** The clauses of these texts that are tagged (their attribution read). */
const taggedClauses = (jobs: readonly [string, Context][]) => jobs.flatMap(([text, ctx]) => clausesOf(text, ctx.origin).filter(parsed));

/**
 * Clauses tagged per step of `statementSteps`: 8 clauses are about 3 ms once compromise's code is
 * compiled (bench:library), and one call's fixed cost spread over 8 clauses is small (tagging.ts).
 */
const TAG_STEP = 8;

/**
 * `storyStatements` in steps, for a caller that must not hold its thread for long (the background):
 * the generator stops after every TAG_STEP clauses tagged and after every text read, and returns
 * the same statements (a clause is tagged as if alone, tagging.ts). The first steps tag 2, then 4
 * clauses: the first tagging in a worker's life runs code not compiled yet, several times slower
 * per clause (32 clauses took ~250 ms of CPU in a fresh Node, ~10 ms later).
 */
export function* statementSteps(story: Story): Generator<void, Statement[]> {
  const jobs = statementJobs(story);
  const clauses = taggedClauses(jobs);
  for (let i = 0, n = 2; i < clauses.length; i += n, n = Math.min(TAG_STEP, n * 2)) {
    tagAhead(clauses.slice(i, i + n));
    yield;
  }
  const out: Statement[] = [];
  for (const [text, ctx] of jobs) {
    out.push(...statementsOf(text, ctx));
    yield;
  }
  return out;
}

/** Every statement of a story, read up to the story's read budget (text/budget.ts). */
export function storyStatements(story: Story): Statement[] {
  const jobs = statementJobs(story);
  // The texts to read, then their clauses tagged in one go (tagging.ts: about twice as fast), then read.
  tagAhead(taggedClauses(jobs));
  const out: Statement[] = [];
  for (const [text, ctx] of jobs) out.push(...statementsOf(text, ctx));
  return out;
}
