/**
 * FNV-1a over char codes (or other small numbers): the hash of words, exact-match keys and feed
 * bodies. Start from FNV_OFFSET, take each code with fnvStep; fnvEnd folds the result to 30 bits, so
 * that it stays a small integer to the engine. Tables keyed by it confirm a hit: keys can share a hash.
 */
export const FNV_OFFSET = 0x811c9dc5;
export const fnvStep = (h: number, code: number): number => Math.imul(h ^ code, 0x01000193);
export const fnvEnd = (h: number): number => (h ^ (h >>> 30)) & 0x3fffffff;

/** The 30-bit hash of a string. */
export function stringHash(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return fnvEnd(h);
}
