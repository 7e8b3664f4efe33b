import { describe, expect, it } from 'vitest';
import { exportStories, importText } from '../../src/core/story/import';
import { EXPORT_FORMAT, exportLibrary, importLibraryText } from '../../src/core/library/import';
import { parseInputSteps, readFormats } from '../../src/core/library/formats';
import { KAGI_PATH, readBytes, readText, REFERENCE_PATH, stepped } from './helpers';

const RECORD = '{"id":"sn-1","claim":"Hurricane Dorian washed bricks of cocaine onto Florida beaches.","rating":"Mixture","url":"https://www.snopes.com/fact-check/dorian-cocaine/"}';

describe('importLibraryText: what a file holds, by content', () => {
  it('takes a one-line JSONL file of fact-checks as one fact-check, not a story', () => {
    for (const text of [RECORD, `${RECORD}\n`, `\n${RECORD}\r\n`]) {
      const r = importLibraryText(text, 'one.jsonl');
      expect(r.stories).toEqual([]);
      expect(r.factChecks.map((f) => f.id)).toEqual(['sn-1']);
    }
  });

  it('still takes a one-line story JSON as a story', () => {
    const story = importText(new TextDecoder().decode(readBytes(REFERENCE_PATH)), 'ref.txt')[0]!;
    const oneLine = JSON.stringify(JSON.parse(exportStories([story])));
    expect(oneLine.includes('\n')).toBe(false);
    const r = importLibraryText(oneLine, 'story.json');
    expect(r.factChecks).toEqual([]);
    expect(r.stories.map((s) => s.id)).toEqual([story.id]);
  });
});

describe('a file on one line is read in pieces', () => {
  it('a minified library export (one line, as JSON.stringify writes it) is parsed a piece at a time, not as one JSON line', () => {
    const stories = importText(readText(KAGI_PATH), 'kagi.json');
    const pretty = exportLibrary(stories, []);
    const oneLine = JSON.stringify(JSON.parse(pretty));
    const want = importLibraryText(pretty, 'lib.json');
    expect(want.stories).toHaveLength(stories.length);
    for (const text of [oneLine, `${oneLine}\n`, `\r\n${oneLine}\r\n`]) {
      const { value, steps } = stepped(parseInputSteps(text, 'lib.json'));
      // A step a story at least: the service pauses between them (one parse of the whole line has none).
      expect(steps).toBeGreaterThanOrEqual(stories.length);
      expect(value).toMatchObject({ kind: 'json' });
      expect(importLibraryText(text, 'lib.json')).toEqual(want);
    }
  });

  it('two lines of objects are still JSON lines', () => {
    expect(stepped(parseInputSteps(`${RECORD}\n${RECORD.replace('sn-1', 'sn-2')}\n`, 'two.jsonl')).value.kind).toBe('jsonl');
  });
});

describe('a library export: its stories read as they are parsed', () => {
  const stories = importText(readText(KAGI_PATH), 'kagi.json');
  const asParsed = (text: string) => readFormats({ text, file: 'lib.json', kind: 'json', value: JSON.parse(text) as unknown });
  const claimReview = { '@type': 'ClaimReview', claimReviewed: 'A claim.', reviewRating: { alternateName: 'False' }, url: 'https://checks.example/1', author: { name: 'Checker' } };

  it('reads what the parsed file reads: the stories, the records, the errors', () => {
    const text = exportLibrary(stories, []);
    expect(importLibraryText(text, 'lib.json')).toEqual(asParsed(text));
    const parsed = JSON.parse(text) as { stories: Record<string, unknown>[] };
    parsed.stories[3] = { ...parsed.stories[3], title: '' };
    expect(() => importLibraryText(JSON.stringify(parsed), 'lib.json')).toThrow('lib.json at $.stories[3].title: title must not be empty (in a story)');
  });

  it('a file whose "format" turns out otherwise (a later member) is read as parsed', () => {
    // A story with a ClaimReview node in an unknown member: as parsed, the file holds a fact-check.
    // On several lines: one line is read as JSON lines, parsed whole.
    const members = (format: string) => `{\n"format": "${EXPORT_FORMAT}",\n"version": 1,\n"stories": ${JSON.stringify([{ ...stories[0], review: claimReview }])},\n"format": "${format}"\n}`;
    for (const format of ['other', EXPORT_FORMAT]) {
      const text = members(format);
      let want: unknown;
      try {
        want = asParsed(text);
      } catch (e) {
        want = (e as Error).message;
      }
      let got: unknown;
      try {
        got = importLibraryText(text, 'lib.json');
      } catch (e) {
        got = (e as Error).message;
      }
      expect(got, format).toEqual(want);
    }
  });
});
