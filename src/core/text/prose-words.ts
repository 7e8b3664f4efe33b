/**
 * How often ordinary prose uses a word: tagged occurrences in WordNet's sense-tagged corpus (a sample of
 * the Brown corpus), by the token the shared tokenizer makes of it, built from the installed WordNet by
 * scripts/build-prose-words.ts. A fixed background, the same whatever a reader's library holds:
 * "trading" and "goods" are ordinary words even in a library where one story uses them, while names
 * and coined words (companies, products, people) are not in it at all.
 */
import table from './prose-words.generated.json';

let byToken: Map<string, number> | null = null;

function load(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [n, tokens] of Object.entries(table.byCount as Record<string, string>)) {
    const count = Number(n);
    for (const t of tokens.split(' ')) counts.set(t, count);
  }
  return counts;
}

/** Tagged occurrences in ordinary prose of the word a token stands for; 0 for names and rare words. */
export function proseCount(token: string): number {
  byToken ??= load();
  return byToken.get(token) ?? 0;
}
