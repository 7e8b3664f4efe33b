import { describe, expect, it } from 'vitest';
import { termOf } from '../../src/core/match/term';
import { proseCount } from '../../src/core/text/prose-words';
import { tokenize } from '../../src/core/text/tokens';

const terms = (text: string) => tokenize(text).map(termOf);

describe('the matcher’s terms', () => {
  it('meet the forms of a word the light stemmer leaves apart', () => {
    expect(terms('trade trading traded trades')).toEqual(['trad', 'trad', 'trad', 'trad']);
    expect(terms('release released releasing')).toEqual(['releas', 'releas', 'releas']);
    expect(terms('ship shipping shipped')).toEqual(['ship', 'ship', 'ship']);
  });
  it('leave short words, numbers and written double letters alone', () => {
    expect(terms('bill press jazz 2014 ice')).toEqual(['bill', 'press', 'jazz', '2014', 'ice']);
  });
});

describe('how often ordinary prose uses a word', () => {
  it('knows common words in any form the tokenizer gives them', () => {
    for (const w of ['trading', 'goods', 'update', 'market', 'prices']) expect(proseCount(tokenize(w)[0] as string), w).toBeGreaterThan(0);
  });
  it('gives names and coined words no count', () => {
    for (const w of ['Storylens', 'Titanfall', 'Gazprom']) expect(proseCount(tokenize(w)[0] as string), w).toBe(0);
  });
  it('counts a frequent word above a rare one', () => {
    expect(proseCount(tokenize('business')[0] as string)).toBeGreaterThan(proseCount(tokenize('cosmos')[0] as string));
  });
});
