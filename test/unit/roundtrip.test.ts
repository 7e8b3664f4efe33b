import { describe, expect, it } from 'vitest';
import { exportStories, importBytes, importText } from '../../src/core/story/import';
import { KAGI_PATH, readBytes, REFERENCE_PATH, UCI_PATH } from './helpers';

/** export → import → export: the canonical JSON form loses nothing and is byte-stable. */
function expectRoundTrip(file: string): void {
  const stories = importBytes(readBytes(file), file);
  expect(stories.length).toBeGreaterThan(0);
  const exported = exportStories(stories);
  const again = importText(exported, 'export.json');
  expect(again).toEqual(stories);
  expect(exportStories(again)).toBe(exported);
  // The export is one JSON array holding every story.
  expect(JSON.parse(exported)).toHaveLength(stories.length);
  expect(again.map((s) => s.format)).toEqual(stories.map((s) => s.format));
}

describe('canonical round trip', () => {
  it('keeps the reference story', () => expectRoundTrip(REFERENCE_PATH));
  it('keeps all Kagi stories', () => expectRoundTrip(KAGI_PATH));
  it('keeps all UCI stories', () => expectRoundTrip(UCI_PATH));

  it('keeps a single exported story imported on its own', () => {
    const [story] = importBytes(readBytes(REFERENCE_PATH), 'ukraine.txt');
    const single = JSON.stringify(JSON.parse(exportStories([story!]))[0]);
    expect(importText(single, 'single.json')).toEqual([story]);
  });
});
