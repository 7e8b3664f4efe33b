/**
 * Check claim by alignment: the parts of a claim (figures, dates, names, predicates, roles) against
 * made-up stories written for these tests, and the verdicts on the Kagi dev claims as a regression
 * guard (bench:claims prints the full table).
 */
import { describe, expect, it } from 'vitest';
import { scoreVerdicts } from '../../bench/claims-verdicts';
import { loadSplit } from '../../bench/eval-lib';
import { analyseClaim } from '../../src/core/claims/claim';
import { extractFigures, valuesConflict } from '../../src/core/claims/figures';
import { lemma, opposite, synonymous } from '../../src/core/claims/lexicon';
import { termsOf } from '../../src/core/claims/terms';
import { dateMentions, datesConflict, sameDate } from '../../src/core/claims/when';
import { Library } from '../../src/core/library';
import type { Story } from '../../src/core/story/model';

/** A story from plain sentences, each citing source 1 or 2. */
function story(id: string, title: string, sentences: string[], extra: Partial<Story> = {}): Story {
  return {
    id,
    title,
    articleCount: 2,
    summary: [{ heading: 'Summary', text: sentences.join(' '), citations: [1, 2], sentences: sentences.map((text, i) => ({ text, citations: [(i % 2) + 1] })) }],
    sources: [
      { n: 1, outlet: 'Daily Planet', title, description: '' },
      { n: 2, outlet: 'Gotham Gazette', title: `${title}, officials say`, description: '' },
    ],
    timeline: [],
    articles: [],
    links: [],
    perspectives: [],
    ...extra,
  };
}

const harbour = story('harbour', 'Storm floods Port Arlen harbour', [
  'A winter storm flooded the harbour of Port Arlen on March 3, 2031, damaging about 40 fishing boats.',
  'Mayor Ilse Varga said the town would rebuild the sea wall by 2033.',
  'The flooding did not reach the old town, according to the fire service.',
  'Exports of fish rose 12% last year while imports fell 3%.',
  'The harbour master, Tomas Brenn, invited the regional governor to inspect the damage.',
  'One trawler captain, Ruth Osei, was rescued by a lifeboat, while her deckhand, Pavel Ilic, drowned.',
]);
const library = new Library([harbour]);
const check = (text: string) => library.check(text);

describe('the parts of a claim', () => {
  it('reads figures written in words, glued to units, as shares and as money', () => {
    const read = (t: string) => extractFigures(t).map((f) => [f.value, f.unit, f.bound]);
    expect(read('more than sixteen thousand new species')).toEqual([[16000, 'specy', 'more-than']]);
    expect(read('more than a dozen times')).toEqual([[12, 'time', 'more-than']]);
    expect(read('a 200MP periscope camera')).toEqual([[200, 'mp', 'exact']]);
    expect(read('a 30-day warning')).toEqual([[30, 'day', 'exact']]);
    expect(read('nearly two-thirds of voters')).toEqual([[66.7, '%', 'about']]);
    expect(read('prices start around $995+')).toEqual([[995, '$', 'at-least']]);
    expect(read('wind chill near −28 C')).toEqual([[-28, '°c', 'about']]);
  });

  it('reads one unit of time as a span, and a unit of time after a count or "twice" as a rate', () => {
    const read = (t: string) => extractFigures(t).map((f) => [f.value, f.unit]);
    expect(read('you may have to wait a year')).toEqual(read('a potential 12-month wait'));
    expect(read('a one-year wait')).toEqual([[365.25, 'day']]);
    expect(read('a month-long strike')).toEqual([[365.25 / 12, 'day']]);
    expect(read('twice a year')).toEqual([]);
    expect(read('it costs $5 a month')).toEqual([[5, '$']]);
    expect(read('sixteen thousand new species a year')).toEqual([[16000, 'specy']]);
  });

  it('finds a one-unit span stated as a count of smaller units, and a changed span', () => {
    const wait = story('wait', 'Usernames can change once', ['Users who switch to a new username face a potential 12-month wait before they can change it again.']);
    const lib = new Library([wait]);
    expect(lib.check('Users who switch to a new username must wait a year before they can change it again.').verdict).toBe('supported');
    expect(lib.check('Users who switch to a new username must wait a week before they can change it again.').verdict).toBe('contradicted');
  });

  it('does not read names with numbers or years as figures', () => {
    expect(extractFigures('NGC 2264 lies in Monoceros; the Xiaomi 17 Ultra launched in 2025.')).toEqual([]);
  });

  it('reads times of day on a twelve-hour dial, with "before" and "after" as bounds', () => {
    const read = (t: string) => extractFigures(t).map((f) => [f.value, f.unit, f.bound]);
    expect(read('called shortly before half past noon')).toEqual([[30, 'clock', 'at-most']]);
    expect(read('called just before 12:30 p.m.')).toEqual([[30, 'clock', 'at-most']]);
    expect(read('at 3pm, and again at a quarter to six')).toEqual([[180, 'clock', 'exact'], [345, 'clock', 'exact']]);
    expect(read('a score of 2:1 and an 8.80% rise')).toEqual([[8.8, '%', 'exact']]);
  });

  it('contradicts a claim whose predicate another passage states negated, the rest stated elsewhere', () => {
    const rollout = story('rollout', 'Mailbox renaming arrives', [
      'Northwind is rolling out an option that lets some users change their mailbox address without a new account.',
      'The company has not yet made a formal announcement, and availability is gradual.',
    ]);
    const lib = new Library([rollout]);
    const v = lib.check('Northwind has made a formal announcement of the option to change a mailbox address.');
    expect(v.verdict).toBe('contradicted');
    expect(v.conflict).toBe('negation');
  });

  it('contradicts a changed time of day and supports the same time written another way', () => {
    const fire = story('fire', 'Warehouse fire', ['Firefighters were called to the warehouse just before 12:30 p.m. on Tuesday.']);
    const lib = new Library([fire]);
    expect(lib.check('Firefighters were called to the warehouse shortly before half past noon on Tuesday.').verdict).toBe('supported');
    expect(lib.check('Firefighters were called to the warehouse at 3 p.m. on Tuesday.').verdict).toBe('contradicted');
  });

  it('compares figures by their bounds: "roughly $1,000" agrees with "$995+", 25,000 does not with about 2,500', () => {
    const [roughly] = extractFigures('roughly $1,000');
    const [from] = extractFigures('from $995+');
    const [claimed] = extractFigures('25,000 cats');
    const [stated] = extractFigures('about 2,500 cats');
    expect(valuesConflict(roughly!, from!)).toBe(false);
    expect(valuesConflict(claimed!, stated!)).toBe(true);
  });

  it('reads dates as comparable parts, holidays included', () => {
    const [eve] = dateMentions('on Christmas Eve 2025');
    const [written] = dateMentions('December 24th, 2025');
    const [boxing] = dateMentions('on Boxing Day');
    const [yearOnly] = dateMentions('since 1981');
    const [other] = dateMentions('in 1991');
    expect(sameDate(eve!, written!)).toBe(true);
    expect(datesConflict(eve!, boxing!)).toBe(true);
    expect(datesConflict(yearOnly!, other!)).toBe(true);
  });

  it('knows inflections, synonyms and opposites from WordNet', () => {
    expect(lemma('climbed')).toBe('climb');
    expect(lemma('rose')).toBe('rise');
    expect(lemma('stronger')).toBe('strong');
    expect(synonymous('climb', 'rise')).toBe(true);
    expect(opposite('strong', 'weak')).toBe(true);
    expect(opposite('acquit', 'convict')).toBe(true);
    expect(opposite('lawful', 'unlawful')).toBe(true);
    expect(opposite('rise', 'climb')).toBe(false);
  });

  it('scopes negation to its clause and keeps quotations apart', () => {
    const terms = termsOf('The wall did not hold, but the boats survived. He said “nothing was lost”.');
    const negated = (w: string) => terms.find((t) => t.word === w)?.negated;
    expect(negated('hold')).toBe(true);
    expect(negated('boats')).toBe(false);
    expect(terms.find((t) => t.word === 'lost')?.quoted).toBe(true);
    expect(termsOf('leaving thousands without heat as outages spread').find((t) => t.word === 'outages')?.negated).toBe(false);
  });

  it('takes the speaker of an attributed claim and the names it states', () => {
    const c = analyseClaim('Mayor Ilse Varga says the town will rebuild the sea wall by 2033.');
    expect(c.speaker).toBe('Mayor Ilse Varga');
    expect(c.names.map((n) => n.text)).toContain('ilse varga');
    expect(analyseClaim('The storm flooded the harbour.').speaker).toBeNull();
  });
});

describe('verdicts with their reason', () => {
  it('supports a reworded claim and names the outlets', () => {
    const v = check('About 40 fishing boats were damaged when a winter storm flooded the Port Arlen harbour.');
    expect(v.verdict).toBe('supported');
    expect(v.summary).toMatch(/Daily Planet/);
  });

  it('says which figure differs and what the sources say, with citations', () => {
    const v = check('A winter storm flooded the harbour of Port Arlen, damaging 400 fishing boats.');
    expect(v.verdict).toBe('contradicted');
    expect(v.conflict).toBe('figure');
    expect(v.difference).toMatchObject({ claim: '400 fishing boats', sources: 'about 40 fishing boats', citations: [1] });
    expect(v.summary).toBe('You have 400 fishing boats; the sources say about 40 fishing boats [1].');
  });

  it('contradicts a changed date or year', () => {
    expect(check('A winter storm flooded the harbour of Port Arlen on March 13, 2031.').conflict).toBe('date');
    expect(check('Mayor Ilse Varga said the town would rebuild the sea wall by 2035.').difference).toMatchObject({ kind: 'date', claim: '2035', sources: '2033' });
  });

  it('contradicts a name put in another’s place, and not-found for a name added', () => {
    const swapped = check('Mayor Anna Kolb said the town would rebuild the sea wall by 2033.');
    expect(swapped.verdict).toBe('contradicted');
    expect(swapped.difference).toMatchObject({ kind: 'name', claim: 'Anna Kolb', sources: 'Ilse Varga' });
    const added = check('A winter storm flooded the harbour of Port Arlen, and the Coast Guard of Norland sent two ships.');
    expect(added.verdict).toBe('not-found');
  });

  it('contradicts an opposite word and a negation only one side has', () => {
    expect(check('Exports of fish fell 12% last year while imports fell 3%.').verdict).toBe('contradicted');
    const reached = check('The flooding reached the old town, according to the fire service.');
    expect(reached.verdict).toBe('contradicted');
    expect(reached.conflict).toBe('negation');
  });

  it('contradicts swapped roles and swapped figures', () => {
    expect(check('The regional governor invited the harbour master, Tomas Brenn, to inspect the damage.').conflict).toBe('swap');
    expect(check('Imports of fish rose 12% last year while exports fell 3%.').conflict).toBe('swap');
    // What is said of whom: the rescue and the drowning swapped between the two people.
    expect(check('Pavel Ilic was rescued by a lifeboat, while the captain, Ruth Osei, drowned.').conflict).toBe('swap');
    expect(check('Ruth Osei was rescued by a lifeboat, while her deckhand, Pavel Ilic, drowned.').verdict).toBe('supported');
  });

  it('names what the story does not state', () => {
    const v = check('A winter storm flooded the harbour of Port Arlen and destroyed the lighthouse.');
    expect(v.verdict).toBe('not-found');
    expect(v.missing).toContain('lighthouse');
    expect(check('Researchers found water on a distant exoplanet.').verdict).toBe('not-found');
  });
});

describe('Check claim on the Kagi dev claims', () => {
  const scores = scoreVerdicts(new Library(loadSplit('kagi').stories));
  // A regression guard at the level reached; bench:claims prints the table and the targets.
  it('keeps its accuracy and almost never calls a contradicted claim supported', () => {
    expect(scores.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(scores.supportedForContradicted).toBeLessThanOrEqual(1);
    for (const c of ['supported', 'contradicted', 'disputed', 'not-found']) expect(scores.perClass[c]?.recall, c).toBeGreaterThanOrEqual(0.85);
    expect(scores.perClass.contradicted?.precision).toBeGreaterThanOrEqual(0.9);
  });
});
