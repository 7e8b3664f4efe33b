/**
 * The claims layer must work on any story: no rule, constant or lexicon in src/core/claims may name
 * an actor, place or event of a particular story. The names below are those of the reference story
 * and of the Kagi dev stories; they live here, in the test, and nowhere in the code it checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers';

const NAMES = [
  // the reference story
  'Trump', 'Putin', 'Kremlin', 'Zelensky', 'Zelenskyy', 'Kyiv', 'Kiev', 'Moscow', 'Kharkiv', 'Odesa', 'Dnipro', 'Zaporizhzhia',
  'Mariupol', 'Moldova', 'NATO', 'Rutte', 'Starmer', 'Thune', 'Wicker', 'Schumer', 'Abu Dhabi', 'DTEK',
  // the Kagi dev stories
  'Nigeria', 'Sokoto', 'AFRICOM', 'Somaliland', 'Somalia', 'Djibouti', 'Abraham Accords', 'Ryabkov', 'Witkoff', 'Bondi',
  'New South Wales', 'WSWS', 'Yale', 'Groq', 'Nvidia', 'Xiaomi', 'Leica', 'Waymo', 'Bolsonaro', 'Samsung', 'CXMT',
  'Persis Yu', 'Ryan Wedding', 'Regina', 'mezuzah', 'Gmail', 'Webb', 'Gaza', 'Ukraine', 'Russia', 'Israel',
];

/** The code of a TypeScript file without its comments (comments may cite an example). */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('src/core/claims names no particular story', () => {
  const dir = path.join(REPO, 'src/core/claims');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(3);
  });

  it.each(files)('%s', (file) => {
    const text = code(readFileSync(path.join(dir, file), 'utf8'));
    const found = NAMES.filter((n) => new RegExp(`\\b${n.replace(/\s+/g, '\\s+')}\\b`, 'i').test(text));
    expect(found, `${file} names ${found.join(', ')}`).toEqual([]);
  });

  it('would catch a name in code but not in a comment', () => {
    expect(code("const A = 'Putin'; // Trump")).toMatch(/Putin/);
    expect(code('/* Kremlin */ const b = 1;')).not.toMatch(/Kremlin/);
  });
});
