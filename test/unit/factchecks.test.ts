import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { deriveFactCheckId, FactCheckSchema, holdsFactChecks, holdsFactChecksSteps, importFactChecks, safeUrl, type FactCheck } from '../../src/core/claims/factchecks';
import { ImportError } from '../../src/core/story/errors';
import { stepped } from './helpers';

/** A ClaimReview as fact-checkers embed it in their pages (schema.org, Google's markup guide). */
const claimReview = (patch: Record<string, unknown> = {}): Record<string, unknown> => ({
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: 'https://www.snopes.com/fact-check/wombats-herding-animals/',
  claimReviewed: 'Wombats are herding animals into their burrows to escape the Australian bushfires.',
  datePublished: '2020-01-15',
  name: 'Are Wombats Herding Animals Into Their Burrows?',
  inLanguage: 'en',
  author: { '@type': 'Organization', name: 'Snopes', url: 'https://www.snopes.com' },
  reviewRating: { '@type': 'Rating', ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'Mostly False' },
  itemReviewed: {
    '@type': 'Claim',
    author: { '@type': 'Organization', name: 'Social media posts' },
    datePublished: '2020-01-10',
    appearance: [{ '@type': 'CreativeWork', url: 'https://twitter.com/example/status/1' }],
  },
  ...patch,
});

/** A Google Fact Check Tools API `claims:search` response. */
const google = {
  claims: [
    {
      text: 'The Amazon rainforest produces 20% of the oxygen in the world.',
      claimant: 'Emmanuel Macron',
      claimDate: '2019-08-22T00:00:00Z',
      claimReview: [
        {
          publisher: { name: 'PolitiFact', site: 'politifact.com' },
          url: 'https://www.politifact.com/factchecks/2019/aug/23/amazon-oxygen/',
          title: 'No, the Amazon does not produce 20% of the world’s oxygen',
          reviewDate: '2019-08-23T00:00:00Z',
          textualRating: 'False',
          languageCode: 'en',
        },
        {
          publisher: { name: 'Aos Fatos', site: 'aosfatos.org' },
          url: 'https://www.aosfatos.org/noticias/amazonia-oxigenio/',
          textualRating: 'Exagerado',
          languageCode: 'pt',
        },
      ],
    },
  ],
  nextPageToken: 'CAE',
};

const jsonl = [
  '{"id":"sn-1","claim":"Hurricane Dorian washed bricks of cocaine onto Florida beaches.","claimant":"Facebook posts","rating":"Mixture","url":"https://www.snopes.com/fact-check/dorian-cocaine/","title":"Did Dorian Wash Up Cocaine?","date":"2019-09-10"}',
  '',
  '{"id":2,"claim":"Kellogg\'s Corn Flakes were invented to curb masturbation."}',
].join('\n');

interface Expected {
  line?: number;
  path?: string;
  says: RegExp;
}

/** The import must throw an ImportError at the given place, saying what was expected. */
function expectError(text: string, want: Expected, file = 'checks.json'): ImportError {
  let result: FactCheck[] | undefined;
  let thrown: unknown;
  try {
    result = importFactChecks(text, file);
  } catch (e) {
    thrown = e;
  }
  expect(result, 'no partial result').toBeUndefined();
  expect(thrown).toBeInstanceOf(ImportError);
  const e = thrown as ImportError;
  expect(e.file).toBe(file);
  expect(e.line).toBe(want.line);
  expect(e.path).toBe(want.path);
  expect(e.message).toMatch(want.says);
  expect(e.message.startsWith(file)).toBe(true);
  return e;
}

describe('ClaimReview JSON-LD', () => {
  it('maps a single ClaimReview: claim, claimant, dates, rating, publisher, site, url, title, language', () => {
    const [r, ...rest] = importFactChecks(JSON.stringify(claimReview()), 'review.json');
    expect(rest).toHaveLength(0);
    expect(r).toEqual({
      id: expect.stringMatching(/^fc-wombats-are-herding-animals/),
      claim: 'Wombats are herding animals into their burrows to escape the Australian bushfires.',
      claimant: 'Social media posts',
      claimDate: '2020-01-10',
      rating: 'Mostly False',
      publisher: 'Snopes',
      publisherSite: 'snopes.com',
      url: 'https://www.snopes.com/fact-check/wombats-herding-animals/',
      title: 'Are Wombats Herding Animals Into Their Burrows?',
      reviewDate: '2020-01-15',
      language: 'en',
    });
    expect(v.is(FactCheckSchema, r)).toBe(true);
  });

  it('reads arrays, @graph, DataFeed items and ClaimReviews nested in other nodes', () => {
    const a = claimReview();
    const b = claimReview({ url: 'https://fullfact.org/health/b/', claimReviewed: 'Claim B', author: [{ '@type': 'Organization', name: 'Full Fact' }] });
    expect(importFactChecks(JSON.stringify([a, b]), 'x.json').map((r) => r.claim)).toEqual([a.claimReviewed, 'Claim B']);
    const graph = { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', name: 'Page' }, { '@type': 'Organization', name: 'Snopes' }, b] };
    expect(importFactChecks(JSON.stringify(graph), 'x.json').map((r) => [r.claim, r.publisher, r.publisherSite])).toEqual([['Claim B', 'Full Fact', 'fullfact.org']]);
    const feed = { '@context': 'http://schema.org', '@type': 'DataFeed', dataFeedElement: [{ '@type': 'DataFeedItem', item: [a, b] }] };
    expect(importFactChecks(JSON.stringify(feed), 'feed.json')).toHaveLength(2);
    const page = { '@type': 'NewsArticle', headline: 'x', mainEntity: { ...b, '@type': ['ClaimReview', 'Review'] } };
    expect(importFactChecks(JSON.stringify(page), 'x.json')[0]?.claim).toBe('Claim B');
  });

  it('reads the ld+json scripts of an HTML page', () => {
    const html = `<!doctype html>\n<html><head>\n<script type="application/ld+json">${JSON.stringify(claimReview())}</script>\n<script type="application/ld+json">{"@type":"BreadcrumbList"}</script>\n</head><body>…</body></html>`;
    const [r] = importFactChecks(html, 'page.html');
    expect(r?.rating).toBe('Mostly False');
  });

  it('writes a numeric rating as value/best when the rating has no name, and joins several claimants', () => {
    const [r] = importFactChecks(
      JSON.stringify(claimReview({ reviewRating: { '@type': 'Rating', ratingValue: 2, bestRating: 5 }, itemReviewed: { '@type': 'Claim', author: [{ name: 'A' }, { name: 'B' }] } })),
      'x.json',
    );
    expect(r?.rating).toBe('2/5');
    expect(r?.claimant).toBe('A, B');
  });
});

describe('Google Fact Check Tools API', () => {
  it('gives one record per review, sharing the claim, claimant and claim date', () => {
    const records = importFactChecks(JSON.stringify(google), 'google.json');
    expect(records).toHaveLength(2);
    expect(records[0]).toEqual({
      id: expect.stringMatching(/^fc-/),
      claim: google.claims[0]?.text,
      claimant: 'Emmanuel Macron',
      claimDate: '2019-08-22T00:00:00Z',
      rating: 'False',
      publisher: 'PolitiFact',
      publisherSite: 'politifact.com',
      url: 'https://www.politifact.com/factchecks/2019/aug/23/amazon-oxygen/',
      title: 'No, the Amazon does not produce 20% of the world’s oxygen',
      reviewDate: '2019-08-23T00:00:00Z',
      language: 'en',
    });
    expect(records[1]).toMatchObject({ claim: google.claims[0]?.text, publisher: 'Aos Fatos', rating: 'Exagerado', language: 'pt' });
    expect(records[0]?.id).not.toBe(records[1]?.id);
  });
});

describe('JSON lines', () => {
  it('reads {id, claim, claimant?, rating?, url?, title?, date?} lines, skipping blank lines', () => {
    const records = importFactChecks(jsonl, 'checks.jsonl');
    expect(records).toEqual([
      {
        id: 'sn-1',
        claim: 'Hurricane Dorian washed bricks of cocaine onto Florida beaches.',
        claimant: 'Facebook posts',
        rating: 'Mixture',
        url: 'https://www.snopes.com/fact-check/dorian-cocaine/',
        title: 'Did Dorian Wash Up Cocaine?',
        reviewDate: '2019-09-10',
      },
      { id: '2', claim: "Kellogg's Corn Flakes were invented to curb masturbation." },
    ]);
  });

  it('round-trips its own export (a JSON array of records)', () => {
    const records = [...importFactChecks(jsonl, 'a.jsonl'), ...importFactChecks(JSON.stringify(google), 'g.json')];
    expect(importFactChecks(JSON.stringify(records), 'export.json')).toEqual(records);
  });
});

describe('ids', () => {
  it('are stable and derived from the URL and the claim when the input has none', () => {
    const once = importFactChecks(JSON.stringify(google), 'a.json').map((r) => r.id);
    const again = importFactChecks(JSON.stringify(google, null, 2), 'b.json').map((r) => r.id);
    expect(again).toEqual(once);
    expect(deriveFactCheckId('Claim', 'https://a.org/1')).toBe(deriveFactCheckId('  Claim ', 'https://a.org/1'));
    expect(deriveFactCheckId('Claim', 'https://a.org/1')).not.toBe(deriveFactCheckId('Claim', 'https://a.org/2'));
    expect(deriveFactCheckId('Claim')).not.toBe(deriveFactCheckId('Another claim'));
  });

  it('drop a review listed twice, but refuse two records that name the same id', () => {
    expect(importFactChecks(JSON.stringify([claimReview(), claimReview()]), 'x.json')).toHaveLength(1);
    expectError('{"id":"a","claim":"x"}\n{"id":"a","claim":"y"}', { line: 2, path: '$.id', says: /duplicate fact-check id "a" \(also at line 1\)/ });
  });
});

describe('URL sanitising', () => {
  it('keeps absolute http(s) URLs only', () => {
    expect(safeUrl('https://example.org/a?b=c#d')).toBe('https://example.org/a?b=c#d');
    expect(safeUrl('  http://example.org/  ')).toBe('http://example.org/');
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>1</script>', 'ftp://example.org/x', '/fact-check/x', 'example.org/x', 'https://exa mple.org', 'https://', 'https://a.org/\u0000x', 'x'.repeat(5000)]) {
      expect(safeUrl(bad), bad).toBeUndefined();
    }
  });

  it('drops unsafe links from every format, keeping the record', () => {
    const [a] = importFactChecks(JSON.stringify(claimReview({ url: 'javascript:alert(document.cookie)', author: { name: 'Snopes', url: 'data:text/html,x' } })), 'x.json');
    expect(a?.url).toBeUndefined();
    expect(a?.publisherSite).toBeUndefined();
    expect(a?.claim).toMatch(/^Wombats/);
    const g = structuredClone(google);
    (g.claims[0]?.claimReview[0] as { url: string }).url = 'vbscript:msgbox';
    expect(importFactChecks(JSON.stringify(g), 'g.json')[0]?.url).toBeUndefined();
    const [line] = importFactChecks('{"id":"1","claim":"c","url":"/relative/path"}\n{"id":"2","claim":"d","url":"https://ok.org/"}', 'x.jsonl');
    expect(line?.url).toBeUndefined();
  });
});

describe('bad input', () => {
  it('names the line of a JSON lines file, and the field', () => {
    expectError('{"id":"a","claim":"x"}\n{"id":"b" "claim":"y"}\n', { line: 2, says: /invalid JSON.*each line must be one JSON object/ });
    expectError('{"id":"a","claim":"x"}\n{"id":"b","claim":5}\n', { line: 2, path: '$.claim', says: /expected a string, found a number/ });
    expectError('{"id":"a","claim":"x"}\n{"id":"b","claim":"   "}\n', { line: 2, path: '$.claim', says: /missing the claim text; expected a non-empty string/ });
    expectError('{"id":"a","claim":"x"}\n[1,2]\n', { line: 2, says: /expected a JSON object \{id, claim/ });
    expectError(`{"id":"a","claim":"x"}\n{"id":"b","claim":"y","title":"${'t'.repeat(2001)}"}`, { line: 2, path: '$.title', says: /title is longer than 2,000 characters/ });
  });

  it('names the JSON path in ClaimReview and Google inputs', () => {
    expectError(JSON.stringify([claimReview(), claimReview({ claimReviewed: undefined })]), { path: '$[1].claimReviewed', says: /expected claimReviewed/ });
    expectError(JSON.stringify({ '@graph': [claimReview({ reviewRating: 'False' })] }), { path: '$["@graph"][0].reviewRating', says: /expected a Rating object, found a string/ });
    expectError(JSON.stringify([claimReview({ claimReviewed: 'x'.repeat(5001) })]), { path: '$[0].claimReviewed', says: /claim is longer than 5,000 characters/ });
    expectError(JSON.stringify({ claims: { text: 'x' } }), { path: '$.claims', says: /expected an array of claims, found an object/ });
    expectError(JSON.stringify({ claims: [{ text: 'x', claimReview: [] }] }), { path: '$.claims[0].claimReview', says: /expected a non-empty array of reviews/ });
    expectError(JSON.stringify({ claims: [{ text: 'x', claimReview: [{ publisher: 'PolitiFact' }] }] }), { path: '$.claims[0].claimReview[0].publisher', says: /expected a publisher object/ });
    expectError(JSON.stringify({ claims: [google.claims[0], { claimReview: google.claims[0]?.claimReview }] }), { path: '$.claims[1].text', says: /missing the claim text/ });
  });

  it('says what was expected when the format is not recognised', () => {
    expectError('', { line: 1, says: /the file is empty; expected schema\.org ClaimReview/ });
    expectError('claim,rating\nx,False', { line: 1, says: /unrecognised format; expected .*Google Fact Check Tools.*JSON lines/ });
    expectError(JSON.stringify({ title: 'a story' }), { path: '$', says: /no ClaimReview found/ });
    expectError('{"@type":"ClaimReview",\n"claimReviewed": "x",', { line: 2, says: /JSON ends too early/ });
    expectError('<html><body>no data</body></html>', { line: 1, says: /without application\/ld\+json scripts/ });
    expectError('<html>\n<script type="application/ld+json">\n{"@type": "ClaimReview", "claimReviewed": 5}\n</script>', { line: 2, path: '$.claimReviewed', says: /expected a string, found a number/ });
  });

  it('imports nothing from a file with one bad record among good ones', () => {
    const good = Array.from({ length: 50 }, (_, i) => JSON.stringify({ id: `r${i}`, claim: `claim ${i}` }));
    expectError([...good.slice(0, 40), '{"id":"bad","claim":null}', ...good.slice(40)].join('\n'), { line: 41, path: '$.claim', says: /missing the claim text/ });
    expectError(JSON.stringify({ claims: [google.claims[0], { text: 'ok', claimReview: [{ url: 'https://a.org', title: 7 }] }] }), { path: '$.claims[1].claimReview[0].title', says: /expected a string/ });
  });

  it('refuses JSON nested absurdly deep before walking it', () => {
    expectError(`${'['.repeat(100)}${']'.repeat(100)}`, { line: 1, says: /nested deeper than/ });
  });
});

describe('holding fact-checks, told in steps', () => {
  const review = { '@type': 'ClaimReview', claimReviewed: 'x' };
  const story = (i: number) => ({ id: `s${i}`, title: 'A story', sources: [{ n: 1, outlet: 'o', title: 't', description: '' }], timeline: [] });

  it('a ClaimReview anywhere is found, one item of a list a step, as holdsFactChecks finds it', () => {
    const cases: unknown[] = [
      Array.from({ length: 50 }, (_, i) => story(i)),
      [...Array.from({ length: 50 }, (_, i) => story(i)), { ...story(50), deep: { more: [[{ a: review }]] } }],
      { stories: [story(1), { ...story(2), r: review }] },
      { '@graph': [review] },
      review,
      [[], [[review]]],
      [1, 'x', null],
      { claims: [] },
    ];
    for (const data of cases) {
      const { value, steps } = stepped(holdsFactChecksSteps(data));
      expect(value).toBe(holdsFactChecks(data));
      if (Array.isArray(data) && data.length === 50) {
        expect(value).toBe(false);
        expect(steps).toBeGreaterThanOrEqual(50);
      }
    }
    expect(holdsFactChecks(cases[1])).toBe(true);
    expect(holdsFactChecks(cases[5])).toBe(true);
  });
});
