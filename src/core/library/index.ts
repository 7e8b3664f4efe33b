/**
 * The library in memory: the stories, and the indexes built over them (page matcher, lookup, claim
 * checker, disputes), kept in step as stories are added and removed. Pure: the background persists
 * the stories; this only answers questions about them.
 */
import { ClaimChecker, type FactCheckSource, type Verdict } from '../claims/check';
import { disputeSteps, findDisputes } from '../claims/disputes';
import type { Statement } from '../claims/statements';
import type { Dispute } from '../claims/types';
import { Matcher, type MatchPage, type MatchResult } from '../match/matcher';
import { Lookup, type LookupResult } from '../search/lookup';
import type { Story } from '../story/model';
import { runStepsPaused, type Steps } from '../text/steps';

export class Library {
  private readonly byId = new Map<string, Story>();
  /** Built on first use: a popup that only shows a story never waits for it. */
  private matcherIndex: Matcher | null = null;
  private lookupIndex: Lookup | null = null;
  /** Per index being built in steps: the ids added or removed since its build took its list of stories. */
  private readonly changedWhileIndexing = new Set<Set<string>>();
  private checker: ClaimChecker | null = null;
  private readonly disputeCache = new Map<string, Dispute[]>();
  /** Changes per story id: disputes read in steps are cached only if the story did not change meanwhile. */
  private readonly changes = new Map<string, number>();
  private factChecks: FactCheckSource | null = null;

  constructor(stories: Iterable<Story> = []) {
    for (const s of stories) this.add(s);
  }

  get size(): number {
    return this.byId.size;
  }

  stories(): Story[] {
    return [...this.byId.values()];
  }

  get(id: string): Story | undefined {
    return this.byId.get(id);
  }

  add(story: Story): void {
    this.byId.set(story.id, story);
    for (const changed of this.changedWhileIndexing) changed.add(story.id);
    this.matcherIndex?.add(story);
    this.lookupIndex?.add(story);
    this.changed(story.id);
  }

  private changed(id: string): void {
    this.disputeCache.delete(id);
    this.changes.set(id, (this.changes.get(id) ?? 0) + 1);
  }

  remove(id: string): boolean {
    if (!this.byId.delete(id)) return false;
    for (const changed of this.changedWhileIndexing) changed.add(id);
    this.matcherIndex?.remove(id);
    this.lookupIndex?.remove(id);
    this.changed(id);
    return true;
  }

  /** Fact-check records for Check claim (none until some are imported). */
  setFactChecks(source: FactCheckSource | null): void {
    this.factChecks = source;
    this.checker = null;
  }

  /**
   * The matcher, where it is not built yet, built a story a step: a background builds it at a
   * worker's start, seconds of work for tens of thousands of stories, and pauses between steps to
   * answer meanwhile. (Otherwise it is built at once on first use.)
   */
  *matcherSteps(): Steps<void> {
    if (this.matcherIndex) return;
    const built = yield* this.indexStepsOf((stories) => Matcher.buildSteps(stories));
    // Built at once meanwhile (a caller that could not wait): that one is kept, already up to date.
    this.matcherIndex ??= built;
  }

  /** The lookup, as matcherSteps builds the matcher: only when a search needs it. */
  *lookupSteps(): Steps<void> {
    if (this.lookupIndex) return;
    const built = yield* this.indexStepsOf((stories) => Lookup.buildSteps(stories));
    this.lookupIndex ??= built;
  }

  /** An index over the stories built in steps, then brought up to date with what was added or removed meanwhile. */
  private *indexStepsOf<I extends { add(story: Story): void; remove(id: string): unknown }>(build: (stories: Story[]) => Steps<I>): Steps<I> {
    const changed = new Set<string>();
    this.changedWhileIndexing.add(changed);
    try {
      const index = yield* build([...this.byId.values()]);
      for (const id of changed) {
        index.remove(id);
        const story = this.byId.get(id);
        if (story) index.add(story);
      }
      return index;
    } finally {
      this.changedWhileIndexing.delete(changed);
    }
  }

  private get matcher(): Matcher {
    return (this.matcherIndex ??= new Matcher(this.byId.values()));
  }

  match(page: MatchPage): MatchResult {
    return this.matcher.match(page);
  }

  search(query: string, limit: number): LookupResult[] {
    return (this.lookupIndex ??= new Lookup(this.byId.values())).search(query, limit);
  }

  recent(limit: number) {
    return (this.lookupIndex ??= new Lookup(this.byId.values())).recent(limit);
  }

  /** A story's disputes, computed once (from its statements, when the caller has them already). */
  disputes(story: Story, statements?: Statement[]): Dispute[] {
    let d = this.disputeCache.get(story.id);
    if (!d) {
      d = findDisputes(story, statements);
      this.disputeCache.set(story.id, d);
    }
    return d;
  }

  /**
   * `disputes`, read in steps (claims/disputes.ts `disputeSteps`) with `pause()` between them, so
   * that whoever runs this (the background) answers in between. The same disputes, cached alike.
   */
  async disputesInSteps(story: Story, pause: () => Promise<void>): Promise<Dispute[]> {
    const cached = this.disputeCache.get(story.id);
    if (cached) return cached;
    const version = this.changes.get(story.id);
    // A pause between every two steps (a budget of 0): each dispute step is already sized to be short.
    const disputes = await runStepsPaused(disputeSteps(story), pause, 0);
    // Cached unless the story was replaced or removed meanwhile (the disputes are of the version asked about).
    if (this.changes.get(story.id) === version) this.disputeCache.set(story.id, disputes);
    return disputes;
  }

  check(text: string, rankedTop = 5): Verdict {
    this.checker ??= new ClaimChecker((t, k) => this.matcher.rankStories(t, k), this.factChecks, (story) => this.disputes(story));
    return this.checker.check(text, rankedTop);
  }
}
