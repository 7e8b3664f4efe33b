/**
 * Check claim: a sentence the reader selected, weighed against the library's stories (and fact-check
 * records). The verdict always comes with its evidence and sources:
 *
 *  - disputed: the claim is one side of a dispute; both sides are shown;
 *  - contradicted: a figure, date or negation conflicts with what the sources report;
 *  - supported: the sources report it; N outlets are listed;
 *  - fact-checked: it matches a fact-check record; its rating, publisher and link are shown;
 *  - not-found: nothing relevant. A weak match is not stretched into a verdict.
 */
import type { Story } from '../story/model';
import { tokenize } from '../text/tokens';
import { findDisputes } from './disputes';
import { extractFigures, figuresConflict, isPartOf, sameQuantity, type Figure } from './figures';
import { datesIn, storyStatements, type Statement } from './statements';
import type { Dispute } from './types';

export type VerdictKind = 'disputed' | 'supported' | 'contradicted' | 'fact-checked' | 'not-found';

export interface Evidence {
  text: string;
  citations: number[];
  story: string;
  /** The outlets behind the citations, as the story names them. */
  outlets: string[];
}

export interface FactCheckHit {
  id: string;
  claim: string;
  rating?: string | undefined;
  publisher?: string | undefined;
  url?: string | undefined;
  score: number;
}

export interface Verdict {
  verdict: VerdictKind;
  /** One plain sentence saying what was found. */
  summary: string;
  evidence: Evidence[];
  /** For `disputed`: the dispute, with the story it belongs to. */
  dispute?: Dispute & { story: string };
  /** The side of the dispute the claim takes (index into dispute.sides). */
  side?: number;
  /** For `contradicted`: what conflicts ("figure", "date", "negation"). */
  conflict?: 'figure' | 'date' | 'negation';
  factCheck?: FactCheckHit;
  /** Fact-check records ranked for the claim, best first (empty when none are loaded). */
  ranked: { id: string; score: number }[];
}

/** Something that ranks fact-check records for a text (the fact-check index). */
export interface FactCheckSource {
  rank(text: string, k: number): FactCheckHit[];
  /** Is this hit strong enough to call the claim fact-checked? */
  confident(hit: FactCheckHit, text: string): boolean;
}

/** Finds the stories a claim may be about (the story matcher's ranking). */
export type StoryFinder = (text: string, k: number) => Story[];

interface Analysed {
  story: Story;
  statements: Statement[];
  tokens: Set<string>[];
  disputes: Dispute[];
}

const NEGATION = /\b(not|never|no|didn['’]t|did not|doesn['’]t|does not|wasn['’]t|was not|isn['’]t|is not|hasn['’]t|has not|denied|refused|failed to)\b/i;
/** Share of the claim's words a statement must have to count as evidence. */
const RELEVANT = 0.5;
/** … to count as being about the same event when looking for a conflicting figure or date. */
const SAME_EVENT = 0.4;

export class ClaimChecker {
  private readonly cache = new Map<string, Analysed>();

  constructor(
    private readonly findStories: StoryFinder,
    private readonly factChecks: FactCheckSource | null = null,
    /** The disputes of a story; the library passes its cached ones. */
    private readonly disputesOf: (story: Story, statements: Statement[]) => Dispute[] = (story, statements) => findDisputes(story, statements),
  ) {}

  private analyse(story: Story): Analysed {
    const hit = this.cache.get(story.id);
    if (hit && hit.story === story) return hit;
    const statements = storyStatements(story);
    const a: Analysed = { story, statements, tokens: statements.map((s) => new Set(tokenize(s.text))), disputes: this.disputesOf(story, statements) };
    this.cache.set(story.id, a);
    if (this.cache.size > 200) this.cache.delete(this.cache.keys().next().value as string);
    return a;
  }

  check(text: string, rankedTop = 5): Verdict {
    const claimTokens = [...new Set(tokenize(text))];
    const ranked = this.factChecks?.rank(text, rankedTop) ?? [];
    const rankedIds = ranked.map((r) => ({ id: r.id, score: r.score }));
    const bestFact = ranked[0] && this.factChecks?.confident(ranked[0], text) ? ranked[0] : undefined;
    const fallback = (): Verdict =>
      bestFact
        ? {
            verdict: 'fact-checked',
            summary: `Fact-checked${bestFact.publisher ? ` by ${bestFact.publisher}` : ''}${bestFact.rating ? `: rated “${bestFact.rating}”` : ''}.`,
            evidence: [],
            factCheck: bestFact,
            ranked: rankedIds,
          }
        : { verdict: 'not-found', summary: 'Storylens found nothing about this claim in your stories.', evidence: [], ranked: rankedIds };
    if (claimTokens.length < 2) return fallback();

    const claimFigures = extractFigures(text);
    const negated = NEGATION.test(text);
    let best: { verdict: Verdict; strength: number } | null = null;
    const offer = (verdict: Verdict, strength: number) => {
      if (!best || strength > best.strength) best = { verdict, strength };
    };

    for (const story of this.findStories(text, 3)) {
      const a = this.analyse(story);
      const outletsOf = (citations: number[]) => [...new Set(citations.map((n) => story.sources.find((s) => s.n === n)?.outlet).filter((o): o is string => !!o))];
      const evidence = (s: Statement): Evidence => ({ text: s.text, citations: s.citations, story: story.id, outlets: outletsOf(s.citations) });
      const overlap = (tokens: Set<string>) => claimTokens.filter((t) => tokens.has(t)).length / claimTokens.length;

      // 1. One side of a dispute.
      a.disputes.forEach((d) => {
        d.sides.forEach((side, i) => {
          const sideTokens = new Set(tokenize(`${d.question} ${side.claim} ${side.claimant}`));
          const o = overlap(sideTokens);
          if (o >= 0.6) {
            offer(
              {
                verdict: 'disputed',
                summary: `Disputed: ${d.question} ${d.sides.map((s) => `${s.claimant}: “${s.claim}”`).join(' — against — ')}`,
                evidence: d.sides.map((s) => ({ text: `${s.claimant}: ${s.claim}`, citations: s.citations, story: story.id, outlets: outletsOf(s.citations) })),
                dispute: { ...d, story: story.id },
                side: i,
                ranked: rankedIds,
              },
              2 + o,
            );
          }
        });
      });

      // 2. and 3. Statements about the same thing: conflicting, or supporting.
      const scored = a.statements.map((s, i) => ({ s, o: overlap(a.tokens[i] as Set<string>) })).filter((x) => x.o >= SAME_EVENT);
      scored.sort((x, y) => y.o - x.o);
      const conflicts = claimFigures.length ? figureConflicts(claimFigures, scored) : [];
      if (conflicts.length) {
        offer(
          {
            verdict: 'contradicted',
            summary: `Contradicted: the sources give a different figure (${conflicts.map((c) => c.figure.text).join(', ')}).`,
            evidence: conflicts.map((c) => evidence(c.statement)),
            conflict: 'figure',
            ranked: rankedIds,
          },
          1.9 + (scored[0]?.o ?? 0),
        );
        continue;
      }
      const relevant = scored.filter((x) => x.o >= RELEVANT);
      if (relevant.length === 0) continue;
      const top = relevant[0] as { s: Statement; o: number };
      const claimDates = datesIn(text, refOf(top.s));
      const dated = relevant.filter((x) => x.s.dates.length > 0 || (x.s.when?.length ?? 0) === 10);
      if (claimDates.length && dated.length && !dated.some((x) => claimDates.some((d) => x.s.dates.includes(d) || x.s.when === d))) {
        offer(
          { verdict: 'contradicted', summary: 'Contradicted: the sources give a different date.', evidence: dated.slice(0, 3).map((x) => evidence(x.s)), conflict: 'date', ranked: rankedIds },
          1.8 + top.o,
        );
        continue;
      }
      if (negated !== NEGATION.test(top.s.text) && top.s.stance !== 'denies' && top.s.stance !== 'declines' && top.o >= 0.6) {
        offer(
          { verdict: 'contradicted', summary: negated ? 'Contradicted: the sources report it happened.' : 'Contradicted: the sources report it did not happen.', evidence: [evidence(top.s)], conflict: 'negation', ranked: rankedIds },
          1.7 + top.o,
        );
        continue;
      }
      const support = relevant.slice(0, 6);
      const outlets = [...new Set(support.flatMap((x) => outletsOf(x.s.citations)))];
      offer(
        {
          verdict: 'supported',
          summary: outlets.length ? `Supported: reported by ${outlets.length} ${outlets.length === 1 ? 'outlet' : 'outlets'} (${outlets.join(', ')}).` : 'Supported by the story’s summary.',
          evidence: support.map((x) => evidence(x.s)),
          ranked: rankedIds,
        },
        1 + top.o,
      );
    }
    const found = best as { verdict: Verdict; strength: number } | null;
    if (!found) return fallback();
    return bestFact && found.verdict.verdict === 'supported' ? { ...found.verdict, factCheck: bestFact } : found.verdict;
  }
}

function refOf(s: Statement): Date | undefined {
  if (!s.when || s.when.length !== 10) return undefined;
  const [y, m, d] = s.when.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1, 12);
}

/** Statements about the same event that count the same quantity differently from the claim. */
function figureConflicts(claim: Figure[], scored: { s: Statement; o: number }[]): { statement: Statement; figure: Figure }[] {
  const out: { statement: Statement; figure: Figure }[] = [];
  for (const f of claim) {
    const same = scored.flatMap((x) => x.s.figures.filter((g) => sameQuantity(f, g) || isPartOf(f, g) || isPartOf(g, f)).map((g) => ({ statement: x.s, figure: g })));
    if (same.length === 0) continue;
    // The claim agrees with some source: no conflict on this figure. Vague counts ("hundreds") only
    // speak when no source gives a precise one.
    const precise = same.filter((x) => x.figure.bound !== 'vague');
    const comparable = precise.length ? precise : same;
    if (comparable.some((x) => sameQuantity(f, x.figure) && !figuresConflict(f, x.figure))) continue;
    const rivals = comparable.filter((x) => sameQuantity(f, x.figure) && figuresConflict(f, x.figure));
    out.push(...rivals);
  }
  return out;
}
