/**
 * The typed parts of a claim — figures and dates — each compared with the passages that speak of the
 * same thing. A part's context is the claim's words weighted by how near they stand to it ("starts at
 * roughly $1,000" leans on "starts" and "pricing" more than on the product's name), and the passages
 * that state that context well enough are the ones whose figure or date counts.
 */
import { align } from './align';
import type { Claim } from './claim';
import { valuesConflict, type Figure } from './figures';
import type { Passage } from './passages';
import type { Term } from './terms';
import { datesConflict, mentionOfIso, sameDate, type DateMention } from './when';

/** A part conflicts with a passage that states this much of its context. */
export const CONTEXT = 0.5;
/**
 * The very same number or date agrees with a passage that states less of its context: an identical
 * value is itself evidence of the same fact, a different one is not.
 */
export const SAME_VALUE_CONTEXT = 0.4;
/** How far below the best a passage may state a part's context and still count for it. */
const NEAR_BEST = 0.2;
/** Words this many terms away from a part count half as much for its context. */
const HALF_DISTANCE = 4;

export type PartFinding<T> =
  | { kind: 'agrees'; passages: Passage[] }
  | { kind: 'missing'; part: string }
  | { kind: 'conflicts'; claim: T; source: T; passage: Passage };

/** The claim's content weighted by closeness to the term at `start`. */
function contextOf(claim: Claim, content: readonly Term[], start: number): Term[] {
  const at = claim.terms.find((t) => t.start >= start) ?? claim.terms.at(-1);
  const i = at?.index ?? 0;
  return content.map((t) => ({ ...t, weight: (t.weight ?? 1) * 2 ** (-Math.abs(t.index - i) / HALF_DISTANCE) }));
}

/** How much of a part's context each passage states (weighed as evidence), each passage aligned once. */
function contextCoverage(context: readonly Term[]): (p: Passage) => number {
  const known = new Map<Passage, number>();
  return (p) => {
    let c = known.get(p);
    if (c === undefined) known.set(p, (c = align(context, p).coverage * p.weight));
    return c;
  };
}

/**
 * The passages that state a part's context well (the best, and those close to it), best first. A
 * figure or date that any of them gives agrees: stories repeat a fact in several fields, worded
 * differently.
 */
function contextPassages(coverage: (p: Passage) => number, passages: readonly Passage[]): Passage[] {
  const scored = passages.map((p) => ({ p, coverage: coverage(p) })).filter((x) => x.coverage >= CONTEXT);
  scored.sort((a, b) => b.coverage - a.coverage);
  const best = scored[0]?.coverage ?? 0;
  return scored.filter((x) => x.coverage >= best - NEAR_BEST).map((x) => x.p);
}

/**
 * A figure of the claim against the passages that count the same unit. It agrees with a figure of a
 * passage that states its context, or of one that states the whole claim (`aligned`), or with the
 * very same number in any passage that states its context at all.
 */
export function checkFigure(f: Figure, claim: Claim, content: readonly Term[], passages: readonly Passage[], aligned: readonly Passage[]): PartFinding<Figure> {
  const withUnit = passages.filter((p) => p.figures.some((g) => g.unit === f.unit));
  const coverage = contextCoverage(contextOf(claim, content, f.start));
  const candidates = contextPassages(coverage, withUnit);
  const best = candidates[0];
  const stating = withUnit.filter((p) => aligned.includes(p) || coverage(p) >= SAME_VALUE_CONTEXT);
  const agreeing = [
    ...[...candidates, ...aligned].flatMap((p) => p.figures.filter((g) => g.unit === f.unit && !valuesConflict(f, g)).map((g) => ({ g, p }))),
    ...stating.flatMap((p) => p.figures.filter((g) => g.unit === f.unit && g.value === f.value).map((g) => ({ g, p }))),
  ];
  // The claim is precise where the story only says "thousands": the story does not state the number.
  const precise = agreeing.filter((x) => f.bound === 'vague' || x.g.bound !== 'vague');
  if (precise.length) return { kind: 'agrees', passages: [...new Set(precise.map((x) => x.p))] };
  if (!best) return { kind: 'missing', part: f.text };
  // The rival is the best-placed precise count; a vague one ("hundreds") cannot refute a number, nor
  // confirm it.
  for (const p of candidates) {
    const rival = p.figures.find((g) => g.unit === f.unit && (g.bound !== 'vague' || f.bound === 'vague'));
    if (rival) return { kind: 'conflicts', claim: f, source: rival, passage: p };
  }
  return { kind: 'missing', part: f.text };
}

const datesOf = (p: Passage) => (p.when ? [...p.dates, mentionOfIso(p.when)] : p.dates);

/** A date of the claim against the passages that name comparable dates (a timeline entry's own date included). */
export function checkDate(d: DateMention, claim: Claim, content: readonly Term[], passages: readonly Passage[], aligned: readonly Passage[]): PartFinding<DateMention> {
  // A weekday is relative and often loose ("the Saturday attack"): it never decides a verdict alone.
  if (d.weekday !== undefined) return { kind: 'agrees', passages: [] };
  const comparable = (p: Passage) => datesOf(p).filter((m) => sameDate(d, m) || datesConflict(d, m));
  const coverage = contextCoverage(contextOf(claim, content, d.start));
  const candidates = contextPassages(
    coverage,
    passages.filter((p) => comparable(p).length > 0),
  );
  const best = candidates[0];
  const agreeing = passages.filter((p) => datesOf(p).some((m) => sameDate(d, m)) && (aligned.includes(p) || coverage(p) >= SAME_VALUE_CONTEXT));
  if (agreeing.length) return { kind: 'agrees', passages: agreeing };
  if (!best) return { kind: 'missing', part: d.text };
  return { kind: 'conflicts', claim: d, source: comparable(best)[0] as DateMention, passage: best };
}
