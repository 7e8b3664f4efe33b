/**
 * The term a token stands for in the matcher's index. The shared tokenizer's stemmer (core/text) is
 * deliberately light, and leaves some forms of one word apart: "trade" and "trading" ("trad"),
 * "release" and "released" ("releas"), "ship" and "shipping" ("shipp"). Headlines of one event write
 * its verbs in every form, so the matcher folds them once more: a final e dropped, a doubled final
 * consonant made single. Only the matcher's terms change; claims and search keep their tokens.
 */
export function termOf(token: string): string {
  if (token.length < 4 || !/^[a-z]+$/.test(token)) return token;
  if (token.endsWith('e')) return token.slice(0, -1);
  const last = token[token.length - 1] as string;
  // ll, ss, ff, zz end words as written ("bill", "press"), not as a stemmer leaves them.
  if (last === token[token.length - 2] && !/[aeiouylsfz]/.test(last)) return token.slice(0, -1);
  return token;
}
