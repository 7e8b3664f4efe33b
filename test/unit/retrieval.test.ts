/**
 * Claim retrieval. The CLEF 2020 CheckThat! Task 2 data is read from ../shared/data with readFileSync:
 * when it is missing these tests fail, they do not skip.
 */
import { describe, expect, it } from 'vitest';
import { loadQueries, loadVerifiedClaims, quality, withoutAnswers } from '../../bench/claims-retrieval';
import { importFactChecks } from '../../src/core/claims/factchecks';
import { decodeEntities, FactCheckIndex, factCheckSource, prepareQuery, splitCamel, type ClaimDoc } from '../../src/core/claims/retrieval';

/** MAP@5 the index reaches on CLEF dev (0.880 when written), less 0.02: a regression guard. */
const DEV_MAP5_FLOOR = 0.86;

const UNRELATED = [
  'The weather in Paris is lovely this afternoon, perfect for a walk along the river.',
  'Apple shares rose 3% after the company reported quarterly earnings above expectations.',
  'I made banana bread this morning and it turned out great',
  'The city council voted to extend library opening hours on weekends.',
  'Manchester United beat Liverpool 2-1 on Sunday in a rain-soaked match.',
  'Just finished my first marathon!!! Legs are jelly but so worth it #running pic.twitter.com/AbCdEfGhIj — Sam (@samruns) May 5, 2019',
];

describe('CLEF 2020 CheckThat! Task 2 (English), dev', () => {
  const claims = loadVerifiedClaims();
  const dev = loadQueries('dev');
  const index = new FactCheckIndex(claims);

  it('reads the data: 10,375 verified claims, 197 dev tweets each with a relevant claim', () => {
    expect(claims).toHaveLength(10_375);
    expect(new Set(claims.map((c) => c.id)).size).toBe(10_375);
    expect(claims.find((c) => c.id === '3057')?.claim).toMatch(/Veterans\nAdministration hospital/);
    expect(dev).toHaveLength(197);
    expect(dev.every((q) => q.relevant.length > 0 && q.relevant.every((id) => index.has(id)))).toBe(true);
  });

  it(`ranks the relevant fact-check: MAP@5 ≥ ${DEV_MAP5_FLOOR}`, () => {
    const rankings = dev.map((q) => index.search(q.text, 5).map((h) => h.id));
    const q = quality(dev, rankings);
    expect(q.map5).toBeGreaterThanOrEqual(DEV_MAP5_FLOOR);
    expect(q.recall5).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  it('is rarely confident when wrong, and not confident about unrelated texts', () => {
    let confident = 0, right = 0;
    for (const q of dev) {
      const best = index.best(q.text);
      if (!best?.confident) continue;
      confident++;
      if (q.relevant.includes(best.record.id)) right++;
    }
    expect(confident).toBeGreaterThan(dev.length / 4);
    expect(right / confident).toBeGreaterThanOrEqual(0.95);
    for (const text of UNRELATED) {
      const best = index.best(text);
      expect(best?.confident, text).toBe(false);
      expect(best?.confidence ?? 0, text).toBeLessThan(0.5);
    }
    // The dev tweets again, with their answers (and exact duplicates) taken out of the index.
    const without = dev.filter((q) => withoutAnswers(index, claims, q, () => index.best(q.text)?.confident)).length;
    expect(without / dev.length).toBeLessThan(0.1);
    expect(index.size).toBe(10_375);
  }, 60_000);

  it('is confident when the text states a fact-checked claim', () => {
    const best = index.best('Hurricane Dorian washed up bricks of cocaine on Florida’s coast');
    expect(best?.record.claim).toMatch(/Dorian/);
    expect(best?.confident).toBe(true);
  });
});

describe('query preparation', () => {
  it('drops links and signatures, keeps who posted it, splits tags and handles, decodes entities', () => {
    const q = prepareQuery(
      'Kids &amp; parents at #TheBorderWall w/ @realDonaldTrump https://t.co/AbCdEfGhIj pic.twitter.com/XyZ1234567 — Jane Doe (@jane_doe) June 12, 2018',
    );
    expect(q.body).toBe('Kids & parents at The Border Wall w/ real Donald Trump');
    expect(q.authors).toBe('Jane Doe jane doe');
    expect(q.year).toBe(2018);
    expect(prepareQuery('#capetownstorm videos are fake').runs).toEqual(['capetownstorm']);
    expect(prepareQuery('A sentence a reader selected.').authors).toBe('');
    expect(decodeEntities('&#8220;quoted&#x201D; &lt;b&gt; &bogus;')).toBe('“quoted” <b> &bogus;');
    expect(splitCamel('DefundTheCBC')).toBe('Defund The CBC');
    expect(splitCamel('Covid19Vaccine')).toBe('Covid 19 Vaccine');
  });

  it('splits a one-word hashtag with the words the index knows', () => {
    const index = new FactCheckIndex([
      { id: '1', claim: 'Videos show tornadoes in Cape Town, South Africa.', title: 'Does Footage Show Tornadoes in Cape Town?' },
      { id: '2', claim: 'A storm flooded the town.' },
    ]);
    expect(index.segment('capetownstorm')).toEqual(['cape', 'town', 'storm']);
    expect(index.segment('xqzvwk')).toEqual([]);
    expect(index.search('All #capetowntornado videos are fake', 1)[0]?.id).toBe('1');
  });
});

describe('FactCheckIndex', () => {
  const records: ClaimDoc[] = [
    { id: 'a', claim: 'Wombats are herding animals into their burrows to escape the Australian bushfires.', title: 'Are Wombats Saving Animals From Fires?' },
    { id: 'b', claim: 'Koalas are functionally extinct due to the bushfires in Australia.', title: 'Are Koalas Functionally Extinct?' },
    { id: 'c', claim: 'A photograph shows Donald Trump’s mother, Mary Anne MacLeod Trump.', title: 'Is This a Photograph of Donald Trump’s Mother?' },
    { id: 'd', claim: 'Kellogg’s Corn Flakes were invented to discourage masturbation.', title: 'Were Corn Flakes Created as an Anti-Masturbatory Meal?' },
  ];

  it('ranks, and returns nothing for an empty index or a text without known words', () => {
    const index = new FactCheckIndex(records);
    expect(index.search('Wombats are sheltering other animals from the fires', 2)[0]?.id).toBe('a');
    expect(index.search('koalas extinct', 1)).toEqual([{ id: 'b', score: expect.any(Number) }]);
    expect(index.search('zzzz qqqq', 5)).toEqual([]);
    expect(index.best('zzzz qqqq')).toBeNull();
    expect(new FactCheckIndex([]).search('koalas', 5)).toEqual([]);
    expect(index.search('koalas', 0)).toEqual([]);
  });

  it('adds and removes records one at a time, with exact statistics', () => {
    const index = new FactCheckIndex(records.slice(0, 3));
    expect(index.size).toBe(3);
    expect(index.search('corn flakes masturbation', 3).map((h) => h.id)).not.toContain('d');
    index.add(records[3] as ClaimDoc);
    expect(index.size).toBe(4);
    expect(index.search('corn flakes masturbation', 1)[0]?.id).toBe('d');
    expect(index.remove('d')).toBe(true);
    expect(index.remove('d')).toBe(false);
    expect(index.has('d')).toBe(false);
    expect(index.search('corn flakes masturbation', 3).map((h) => h.id)).not.toContain('d');

    // add then remove leaves the index scoring exactly as one built without the record
    const fresh = new FactCheckIndex(records.slice(0, 3));
    const queries = ['Trump mum photo', 'koalas wombats bushfires', 'Australian fires animals'];
    for (const q of queries) expect(index.search(q, 3)).toEqual(fresh.search(q, 3));

    // adding a record with an existing id replaces it
    index.add({ id: 'a', claim: 'Kellogg’s Corn Flakes were invented to discourage masturbation.' });
    expect(index.size).toBe(3);
    expect(index.get('a')?.claim).toMatch(/Corn Flakes/);
    expect(index.search('wombats burrows', 3).map((h) => h.id)).not.toContain('a');
  });

  it('backs Check claim: rank() with the record fields, confident() for the best hit only', () => {
    const facts = importFactChecks(
      [
        '{"id":"dorian","claim":"Hurricane Dorian washed bricks of cocaine onto Florida beaches.","rating":"Mixture","url":"https://www.snopes.com/fact-check/dorian-cocaine/"}',
        '{"id":"koala","claim":"Koalas are functionally extinct due to the bushfires in Australia.","rating":"False"}',
        '{"id":"wombat","claim":"Wombats are herding animals into their burrows to escape the Australian bushfires.","rating":"Mostly False"}',
      ].join('\n'),
      'checks.jsonl',
    );
    const source = factCheckSource(facts);
    const hits = source.rank('Hurricane Dorian washed up bricks of cocaine on Florida’s coast', 2);
    expect(hits[0]).toMatchObject({ id: 'dorian', rating: 'Mixture', url: 'https://www.snopes.com/fact-check/dorian-cocaine/' });
    expect(typeof source.confident(hits[0]!, 'Hurricane Dorian washed up bricks of cocaine on Florida’s coast')).toBe('boolean');
    if (hits[1]) expect(source.confident(hits[1], 'Hurricane Dorian washed up bricks of cocaine on Florida’s coast')).toBe(false);
    expect(source.rank('The city council voted to extend library hours.', 3).every((h) => !source.confident(h, 'The city council voted to extend library hours.'))).toBe(true);
  });
});
