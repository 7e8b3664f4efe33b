/**
 * Disputes: where identifiable parties assert incompatible things. Read from a story's statements
 * (claimant, stance, proposition), never from names:
 *
 *  1. an accusation answered — "A accuses T of X" against the accused's denial ("T denies X"), or
 *     the accused's own charge against the accuser ("T says A does not want …");
 *  2. a rejection — "B rejects / denies / disputes / declines to confirm / calls unlawful" what
 *     another party A asserts. A is the party whose claim stands beside the rejection in the same
 *     sentence ("A claims P, though B offers no comment"), else the owner named in what is rejected
 *     ("Israel's move"), else the other party whose statements share the most of its rarer words.
 *     Critics ("critics argue …") reject what the other side asserts in the same way;
 *  3. rival ends — one party's end date against another's duration or end for the same thing;
 *  4. rival figures — two parties' counts of the same quantity, set against each other in one
 *     sentence, that do not agree (a narrower count is a part, not a rival).
 *
 * Each kind has its module (accusations, rejections, rival-ends, rival-figures); this one gathers
 * them and writes out the sides. Agreement, comment or different subjects are not disputes. Each
 * step is linear in the number of statements: candidates come from an index of words (overlap.ts)
 * with very common words left out, and each kind reads a bounded number of statements.
 */
import type { Story } from '../story/model';
import { ReadBudget } from '../text/budget';
import { runSteps } from '../text/steps';
import { accusations } from './accusations';
import { Overlap } from './overlap';
import { partyKey, sameParty } from './parties';
import { rejections } from './rejections';
import { END, rivalEnds } from './rival-ends';
import { rivalFigures } from './rival-figures';
import { clean, said, type Said } from './said';
import { mayOppose } from './stance';
import { statementSteps, storyStatements, type Statement } from './statements';
import { warmUpSteps } from './tagging';
import type { Dispute, DisputeSide } from './types';

/** Citations of several statements, in first-seen order. */
const citationsOf = (xs: Said[]) => [...new Set(xs.flatMap((x) => x.s.citations))];

/** The claimants of a side, the most frequent first, at most two. */
function claimantOf(xs: Said[], inStory: ReadonlyMap<string, number>): string {
  const counts = new Map<string, number>();
  for (const x of xs) if (x.s.claimant) counts.set(x.s.claimant, (counts.get(x.s.claimant) ?? 0) + 1);
  // Ties go to the name the story uses most for a party ("the ministry" over a single "the government").
  const names = [...counts.entries()].sort((a, b) => b[1] - a[1] || (inStory.get(b[0]) ?? 0) - (inStory.get(a[0]) ?? 0)).map(([c]) => c);
  const distinct = names.filter((n, i) => names.findIndex((m) => m === n || sameParty(partyKey(m), partyKey(n))) === i);
  return distinct.slice(0, 2).join(' and ');
}

function side(xs: Said[], claim: string, inStory: ReadonlyMap<string, number>): DisputeSide {
  return { claimant: claimantOf(xs, inStory), claim: clean(claim), citations: citationsOf(xs) };
}

/** The prose of a story, every field that statements are read from, as far as they are read (text/budget.ts). */
function* prose(story: Story): Generator<string> {
  const budget = new ReadBudget();
  for (const section of story.summary) yield budget.take(section.text);
  for (const e of story.timeline) yield budget.take(e.text);
  for (const s of story.sources) yield budget.take(s.description);
  for (const p of story.perspectives) yield budget.take(p.text);
}

/** Could this text of a story hold a dispute? Every kind needs a rejecting word, an end date or rival figures in one contrasting sentence. */
const mayHold = (text: string) => mayOppose(text) || END.test(text) || (/\b(?:while|whereas|but)\b/i.test(text) && /\d/.test(text));

/** Can the story hold a dispute at all? Without any such text, its statements need not be read. */
function mayHoldDispute(story: Story): boolean {
  for (const text of prose(story)) if (mayHold(text)) return true;
  return false;
}

/**
 * `findDisputes` in steps, for a caller that must stay responsive (the background pauses between
 * them): it stops after each text looked at, while compromise is made ready (tagging.ts
 * `warmUpSteps`, only in a context that has not tagged yet), at each step of reading the statements
 * (statements.ts `statementSteps`) and between the kinds of dispute, and returns the same disputes.
 */
export function* disputeSteps(story: Story): Generator<void, Dispute[]> {
  let holds = false;
  for (const text of prose(story)) {
    if (!text) continue;
    if (mayHold(text)) {
      holds = true;
      break;
    }
    yield;
  }
  if (!holds) return [];
  yield* warmUpSteps();
  return yield* disputesOf(yield* statementSteps(story));
}

/** The disputed claims of a story. */
export function findDisputes(story: Story, statements?: Statement[]): Dispute[] {
  if (!statements && !mayHoldDispute(story)) return [];
  return runSteps(disputesOf(statements ?? storyStatements(story)));
}

/** The disputes among these statements, a step for each kind. */
function* disputesOf(statements: Statement[]): Generator<void, Dispute[]> {
  const all = statements.map(said).filter((x): x is Said => x !== null);
  const overlap = new Overlap(all);
  const used = new Set<Said>();
  yield;
  // Accusations first: a denial that answers an accusation is not also a rejection of something else.
  const accused = accusations(all, used);
  yield;
  const rejected = rejections(all, used, overlap);
  yield;
  const ends = rivalEnds(all, overlap);
  yield;
  const figures = rivalFigures(all);
  yield;
  const ordered = [...rejected, ...ends, ...accused, ...figures];
  const names = new Map<string, number>();
  for (const x of all) if (x.s.claimant) names.set(x.s.claimant, (names.get(x.s.claimant) ?? 0) + 1);
  return ordered
    .filter((f) => f.b.length > 0 && f.question)
    .map((f) => ({
      question: f.question,
      sides: [f.a.length ? side(f.a, f.claimA, names) : { claimant: clean(f.claimA), claim: clean(f.claimA), citations: [] }, side(f.b, f.claimB, names)],
    }));
}
