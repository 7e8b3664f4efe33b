/**
 * Exact keys (30-bit hashes, small integers to the engine) → the stories that list them, in the order
 * they were added. Different keys may share a hash, so callers confirm a hit against the story.
 * Stories come as the matcher numbers them: in increasing order, a removed one never again.
 */
export class KeyIndex {
  /** Open addressing: a hash per slot (EMPTY, or GONE once removed) and the first story listing it. */
  private hashes = new Int32Array(1 << 10).fill(EMPTY);
  private firsts = new Int32Array(1 << 10);
  private used = 0;
  /** The further stories that list a key, in order (rare in a real library: shared links and headlines). */
  private readonly more = new Map<number, number[]>();

  add(h: number, doc: number): void {
    const at = this.slot(h);
    if (at >= 0) {
      if (this.firsts[at] === doc) return;
      const more = this.more.get(h);
      if (!more) this.more.set(h, [doc]);
      else if (more[more.length - 1] !== doc) more.push(doc);
      return;
    }
    if ((this.used + 1) * 2 > this.hashes.length) this.grow();
    const mask = this.hashes.length - 1;
    let free = h & mask;
    while ((this.hashes[free] as number) >= 0) free = (free + 1) & mask;
    if (this.hashes[free] === EMPTY) this.used++;
    this.hashes[free] = h;
    this.firsts[free] = doc;
  }

  delete(h: number, doc: number): void {
    const at = this.slot(h);
    if (at < 0) return;
    const more = this.more.get(h);
    if (this.firsts[at] === doc) {
      const next = more?.shift();
      if (next === undefined) this.hashes[at] = GONE;
      else this.firsts[at] = next;
    } else if (more) {
      const i = more.indexOf(doc);
      if (i >= 0) more.splice(i, 1);
    }
    if (more && more.length === 0) this.more.delete(h);
  }

  get(h: number): readonly number[] {
    const at = this.slot(h);
    if (at < 0) return [];
    const first = this.firsts[at] as number;
    const more = this.more.get(h);
    return more ? [first, ...more] : [first];
  }

  /** The slot holding h, or −1. */
  private slot(h: number): number {
    const mask = this.hashes.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const x = this.hashes[at] as number;
      if (x === h) return at;
      if (x === EMPTY) return -1;
    }
  }

  private grow(): void {
    // Read straight off the table: a list of a million slots' indexes would be garbage of the same size.
    let live = 0;
    for (let at = 0; at < this.hashes.length; at++) if ((this.hashes[at] as number) >= 0) live++;
    const size = Math.max(this.hashes.length, 2 ** Math.ceil(Math.log2(4 * (live + 1))));
    const hashes = new Int32Array(size).fill(EMPTY);
    const firsts = new Int32Array(size);
    const mask = size - 1;
    for (let old = 0; old < this.hashes.length; old++) {
      const h = this.hashes[old] as number;
      if (h < 0) continue;
      let at = h & mask;
      while (hashes[at] !== EMPTY) at = (at + 1) & mask;
      hashes[at] = h;
      firsts[at] = this.firsts[old] as number;
    }
    this.hashes = hashes;
    this.firsts = firsts;
    this.used = live;
  }
}

const EMPTY = -1;
const GONE = -2;
