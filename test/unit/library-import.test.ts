import { describe, expect, it } from 'vitest';
import { exportStories, importText } from '../../src/core/story/import';
import { importLibraryText } from '../../src/core/library/import';
import { readBytes, REFERENCE_PATH } from './helpers';

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
