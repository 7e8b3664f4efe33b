/**
 * The verdict of one story on one claim, by alignment. The story is the one of the candidates that
 * states the claim best (`weigh`); its verdict follows the rules, in order:
 *
 *  1. figures and dates: each compared with the passages that state its context; a conflicting one
 *     contradicts ("you have 120 missiles; the sources say about 70 missiles");
 *  2. a figure or date the story never gives: the claim adds a fact (not found);
 *  3. a name the story never writes: replaced by another name in the same place, with the rest of
 *     the claim stated, contradicts; otherwise the claim adds a fact;
 *  4. roles reversed around a shared verb, or figures given to each other's subjects;
 *  5. one side of a dispute the story shows, stated as fact, unless the story says it in its own voice;
 *  6. an opposite word, or a negation only one side has;
 *  7. too little of the claim stated: not found, with the missing words named;
 *  8. otherwise supported.
 */
import type { Story } from '../story/model';
import { align, bestAlignments, jointCoverage, states, termsMatch, type Alignment } from './align';
import type { ConflictKind, Evidence, Verdict } from './verdict';
import { checkedCitations } from './citationCheck';
import type { Claim } from './claim';
import { absentPart, attachmentsSwapped, figuresSwapped, negatedIn, oppositesIn, rolesSwapped, substitution } from './conflicts';
import type { Passage } from './passages';
import type { Figure } from './figures';
import { checkDate, checkFigure, type PartFinding } from './parts';
import { ownVoice, sideTaken } from './sides';
import { termsOf, type Term } from './terms';
import type { DateMention } from './when';
import type { Dispute } from './types';

/**
 * The constants of the rules, each a share of the claim's weighted content words. Chosen on the Kagi
 * dev claims (bench:claims prints the table) and deliberately round.
 */
export const RULES = {
  /** Below this, the story is not about the claim at all. */
  about: 0.5,
  /** A claim is supported only when its passages state this much of it. */
  supported: 0.8,
  /** A conflicting part counts when the passages state this much of the rest of the claim. */
  rest: 0.75,
  /** A claim takes a side of a dispute when the side's words state this much of it. */
  side: 0.6,
} as const;

export interface StoryContext {
  story: Story;
  passages: Passage[];
  /** The story's disputes, found on first use: most claims are decided before they are needed. */
  disputes: () => Dispute[];
}

const cite = (citations: number[]) => citations.map((n) => `[${n}]`).join('');

function outletsOf(story: Story, citations: number[]): string[] {
  return [...new Set(citations.map((n) => story.sources.find((s) => s.n === n)?.outlet).filter((o): o is string => !!o))];
}

/** A passage's citations that its cited sources bear out (the story's own citations are checked). */
function checkedOf(story: Story, p: Passage): number[] {
  if (p.ref.field === 'other') return p.citations;
  const checked = checkedCitations(story);
  return (p.ref.field === 'summary' ? checked.summary[p.ref.section]?.[p.ref.sentence] : checked.timeline[p.ref.entry]) ?? [];
}

/** A passage as evidence: its citations as written, the outlets of those that check out. */
function evidenceOf(story: Story, p: Passage): Evidence {
  return { text: p.text, citations: p.citations, story: story.id, outlets: outletsOf(story, checkedOf(story, p)) };
}

/** How well one story states a claim: its best passages, the claim's figures and dates checked, the coverage. */
export interface Weighed {
  ctx: StoryContext;
  aligned: Alignment[];
  figures: PartFinding<Figure>[];
  dates: PartFinding<DateMention>[];
  /** Share of the claim the story states (figures and dates weigh as one word each). */
  coverage: number;
  /** How well the story speaks to the claim, to choose between stories. */
  strength: number;
}

/** Weighs a story for a claim; null when the story is not about it at all. */
export function weigh(claim: Claim, content: Term[], ctx: StoryContext): Weighed | null {
  const { passages } = ctx;
  const aligned = bestAlignments(content, passages, 2);
  const top = aligned[0];
  if (!top) return null;
  const alignedPassages = aligned.map((a) => a.passage);
  const figures = claim.figures.map((f) => checkFigure(f, claim, content, passages, alignedPassages));
  const dates = claim.dates.map((d) => checkDate(d, claim, content, passages, alignedPassages));
  const parts = [...figures, ...dates];
  const wordWeight = content.reduce((a, t) => a + (t.weight ?? 1), 0);
  const coverage = (jointCoverage(content, aligned) * wordWeight + parts.filter((p) => p.kind === 'agrees').length) / (wordWeight + parts.length);
  // Whether the story is about the claim at all counts words it states the other way round too.
  const topical = jointCoverage(content, aligned.map((a) => ({ ...a, flipped: new Set<number>() })));
  if (Math.max(coverage, topical) < RULES.about) return null;
  return { ctx, aligned, figures, dates, coverage, strength: Math.max(coverage, topical) + top.coverage };
}

/** The verdict of the story a claim was weighed against (see the rules above). */
export function judge(claim: Claim, content: Term[], w: Weighed): Omit<Verdict, 'ranked'> {
  const { ctx, aligned, figures, dates, coverage } = w;
  const { story, passages } = ctx;
  const top = aligned[0] as Alignment;
  const parts = [...figures, ...dates];
  const evidence = aligned.map((x) => evidenceOf(story, x.passage));
  const verdict = (v: Omit<Verdict, 'ranked'>) => v;
  const contradicted = (kind: ConflictKind, claimWords: string, sourceWords: string, p: Passage, summary?: string) =>
    verdict({
      verdict: 'contradicted',
      summary: summary ?? `You have ${claimWords}; the sources say ${sourceWords} ${cite(p.citations)}`.trim() + '.',
      evidence: [evidenceOf(story, p), ...evidence.filter((e) => e.text !== p.text)].slice(0, 3),
      conflict: kind,
      difference: { kind, claim: claimWords, sources: sourceWords, citations: p.citations },
    });
  const notFound = (partsMissing: string[]) => {
    const unstated = content
      .filter((t) => !aligned.some((x) => states(x, t.index)))
      .sort((x, y) => (y.weight ?? 1) - (x.weight ?? 1))
      .map((t) => t.word);
    const words = [...new Set([...partsMissing, ...unstated])];
    return verdict({
      verdict: 'not-found',
      summary: `The story does not state ${words.slice(0, 3).map((w) => `“${w}”`).join(', ')}${words.length > 3 ? ' and more' : ''}; the closest it says is “${top.passage.text}” ${cite(top.passage.citations)}`.trim(),
      evidence,
      missing: words,
    });
  };

  // 1. Figures and dates.
  for (const r of figures) {
    if (r.kind === 'conflicts') {
      // The bound is written before the figure ("about 70 missiles"); the figure's phrase starts at the number.
      const bound = /\b(about|around|roughly|approximately|nearly|almost|some|at least|more than|over|up to|fewer than|less than|under|an estimated)\s*$/i.exec(r.passage.text.slice(Math.max(0, r.source.start - 16), r.source.start))?.[1];
      return contradicted('figure', r.claim.phrase, `${bound ? `${bound} ` : ''}${r.source.phrase}`, r.passage);
    }
  }
  for (const r of dates) {
    if (r.kind === 'conflicts') return contradicted('date', r.claim.text, r.source.start >= 0 ? r.source.text : (r.passage.section ?? r.source.text), r.passage);
  }

  // 2. A figure or date the story never gives: the claim adds a fact.
  const missing = parts.flatMap((p) => (p.kind === 'missing' ? [p.part] : []));
  if (missing.length) return notFound(missing);

  // 3. Names the story never writes: replaced by another (the one change), or added.
  for (const n of claim.names) {
    const absent = absentPart(claim, n, passages);
    if (absent.length === 0) continue;
    const s = substitution(claim, content, n.terms, absent, passages, RULES.rest, parts.some((p) => p.kind === 'agrees' && p.passages.length > 0));
    if (s) return contradicted('name', s.claim, s.source, s.passage);
    missing.push(n.text);
  }
  if (missing.length) return notFound(missing);

  // An attributed claim ("X says …") is a report of what X said: the story must give it as X's.
  if (claim.speakerTerms.length) {
    const speakerWords = claim.speakerTerms.map((i) => claim.terms[i] as Term);
    const voiced = aligned.some((a) => a.passage.terms.some((t) => speakerWords.some((w) => termsMatch(w, t))) || (a.passage.speaker !== null && speakerWords.some((w) => termsOf(a.passage.speaker as string).some((t) => termsMatch(w, t)))));
    if (!voiced) return notFound([claim.speaker as string]);
  }

  // 4. Roles reversed.
  for (const a of aligned) {
    if ((a.coverage >= RULES.rest && (rolesSwapped(claim, a) || figuresSwapped(claim, a))) || (coverage >= RULES.rest && attachmentsSwapped(claim, a))) {
      return contradicted('swap', 'the roles one way round', 'the reverse', a.passage, `The roles are the other way round: the sources say “${a.passage.text}” ${cite(a.passage.citations)}`.trim());
    }
  }

  // 5. One side of a dispute, stated as fact.
  if (!claim.speaker && !aligned.some((a) => ownVoice(a, claim, RULES.supported)) && ctx.disputes().length) {
    const side = sideTaken(content, aligned, ctx.disputes(), RULES.side, RULES.side);
    if (side) {
      const d = side.dispute;
      return verdict({
        verdict: 'disputed',
        summary: `Disputed: ${d.sides.map((s) => `${s.claimant} says “${s.claim}”`).join('; ')}.`,
        evidence: d.sides.map((s) => ({ text: `${s.claimant}: ${s.claim}`, citations: s.citations, story: story.id, outlets: outletsOf(story, s.citations) })),
        dispute: { ...d, story: story.id },
        side: side.side,
      });
    }
  }

  // 6. An opposite word, or a negation only one side has.
  for (const a of aligned) {
    for (const [c, p] of oppositesIn(claim, a)) {
      if (jointCoverage(content.filter((t) => t.index !== c.index), [a]) >= RULES.rest) return contradicted('negation', `“${c.word}”`, `“${p.word}”`, a.passage);
    }
  }
  const negated = negatedIn(content, aligned, RULES.rest);
  if (negated) {
    const passageNegates = [...negated.flipped].some((i) => (negated.passage.terms[negated.matched.get(i) as number] as Term).negated);
    return contradicted(
      'negation',
      passageNegates ? 'that it happened' : 'that it did not happen',
      passageNegates ? 'it did not' : 'it did',
      negated.passage,
      `The sources say the opposite: “${negated.passage.text}” ${cite(negated.passage.citations)}`.trim(),
    );
  }

  // 7. Too little of the claim stated.
  if (coverage < RULES.supported) return notFound([]);

  // 8. Every part stated. A report of one side's position is true as a report; the dispute it belongs
  //    to is shown with it. "Reported by" names the outlets of every passage that states the claim,
  //    through the citations that check out against their source.
  const confirming = new Set(parts.flatMap((p) => (p.kind === 'agrees' ? p.passages : [])));
  const stating = passages.filter((p) => aligned.some((a) => a.passage === p) || confirming.has(p) || align(content, p).coverage >= RULES.rest);
  const outlets = [...new Set(stating.flatMap((p) => outletsOf(story, checkedOf(story, p))))];
  const shown = [...aligned.map((a) => a.passage), ...stating.filter((p) => !aligned.some((a) => a.passage === p))].slice(0, 6);
  const context = claim.speaker && ctx.disputes().length ? sideTaken(content, aligned, ctx.disputes(), RULES.side, RULES.supported) : null;
  return verdict({
    ...(context ? { dispute: { ...context.dispute, story: story.id }, side: context.side } : {}),
    verdict: 'supported',
    summary: outlets.length
      ? `Supported: the story states every part of it, reported by ${outlets.length === 1 ? '1 outlet' : `${outlets.length} outlets`} (${outlets.join(', ')}).`
      : 'Supported: the story states every part of it.',
    evidence: shown.map((p) => evidenceOf(story, p)),
  });
}
