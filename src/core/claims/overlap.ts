/**
 * Which statements speak of the same thing: the rarer words they share, weighted by rarity, found
 * through an index of words so that no statement is compared with every other.
 */
import type { Said } from './said';

/** Words met in more statements than this say nothing about which statements belong together. */
const COMMON = 0.3;

/** How much two statements say about the same thing: the rarity-weighted words they share. */
export class Overlap {
  private readonly df = new Map<string, number>();
  private readonly postings = new Map<string, Said[]>();
  constructor(private readonly all: Said[]) {
    for (const x of all) {
      for (const w of x.words) {
        this.df.set(w, (this.df.get(w) ?? 0) + 1);
        const p = this.postings.get(w);
        if (p) p.push(x);
        else this.postings.set(w, [x]);
      }
    }
  }
  private common(w: string): boolean {
    return (this.df.get(w) ?? 0) > Math.max(6, COMMON * this.all.length);
  }
  score(a: Said, b: Said): number {
    let s = 0;
    for (const w of a.words) if (b.words.has(w) && !this.common(w)) s += 1 / Math.sqrt(this.df.get(w) ?? 1);
    return s;
  }
  /** Statements sharing at least one word that is not common. */
  candidates(a: Said): Set<Said> {
    const out = new Set<Said>();
    for (const w of a.words) if (!this.common(w)) for (const x of this.postings.get(w) ?? []) out.add(x);
    return out;
  }
}
