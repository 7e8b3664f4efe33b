/**
 * Check claim: a sentence the reader selected, weighed against the library's stories (and fact-check
 * records). The claim is taken apart (claim.ts) and each part aligned with the story's passages
 * (align.ts); the verdict follows from how the parts align, and always says why in one sentence:
 *
 *  - contradicted: one part conflicts while the rest is stated — a figure of the same quantity, a
 *    date or year, a name (person, organisation, place), an opposite or negated predicate, or swapped
 *    roles — "You have 120 missiles; the sources say about 70 missiles [2][3]";
 *  - disputed: the claim states one side of a dispute the story shows, as fact;
 *  - not-found: the claim adds a fact the story does not state (the missing part is named), or no
 *    story is about it;
 *  - supported: every part is stated;
 *  - fact-checked: no story speaks to it, but a fact-check record does.
 */
import type { Story } from '../story/model';
import { analyseClaim } from './claim';
import { findDisputes } from './disputes';
import { judge, weigh, type StoryContext, type Weighed } from './judge';
import { storyPassages } from './passages';
import type { Dispute } from './types';
import type { FactCheckSource, Verdict } from './verdict';

export type { ConflictKind, Difference, Evidence, FactCheckHit, FactCheckSource, Verdict, VerdictKind } from './verdict';

/** Finds the stories a claim may be about (the story matcher's ranking). */
export type StoryFinder = (text: string, k: number) => Story[];

export class ClaimChecker {
  private readonly cache = new Map<string, StoryContext>();

  constructor(
    private readonly findStories: StoryFinder,
    private readonly factChecks: FactCheckSource | null = null,
    /** The disputes of a story; the library passes its cached ones. */
    private readonly disputesOf: (story: Story) => Dispute[] = (story) => findDisputes(story),
  ) {}

  private analyse(story: Story): StoryContext {
    const hit = this.cache.get(story.id);
    if (hit && hit.story === story) {
      // Least recently used goes first: keep this one at the young end.
      this.cache.delete(story.id);
      this.cache.set(story.id, hit);
      return hit;
    }
    let disputes: Dispute[] | null = null;
    const a: StoryContext = { story, passages: storyPassages(story), disputes: () => (disputes ??= this.disputesOf(story)) };
    this.cache.set(story.id, a);
    if (this.cache.size > 200) this.cache.delete(this.cache.keys().next().value as string);
    return a;
  }

  check(text: string, rankedTop = 5): Verdict {
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

    const claim = analyseClaim(text.slice(0, 2_000));
    const content = claim.content;
    if (content.length < 2) return fallback();

    // The story that states the claim best decides; only it is read for disputes.
    let best: Weighed | null = null;
    for (const story of this.findStories(text, 3)) {
      const w = weigh(claim, content, this.analyse(story));
      if (w && (!best || w.strength > best.strength)) best = w;
    }
    if (!best) return fallback();
    const v: Verdict = { ...judge(claim, content, best), ranked: rankedIds };
    return bestFact && v.verdict === 'supported' ? { ...v, factCheck: bestFact } : v;
  }
}
