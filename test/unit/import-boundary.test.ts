/**
 * One decoding path and one parse for every import: bytes are decoded once (strict UTF-8, a BOM
 * dropped, UTF-16 and invalid bytes refused with the same errors), the text parsed once, and the
 * format chosen from the parsed value by one registry (formats.ts), each format with its own detect
 * and read.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectFormatSteps, FORMATS, parseInput, readFormats } from '../../src/core/library/formats';
import { runSteps } from '../../src/core/text/steps';
import { exportLibrary, importLibraryBytes, importLibraryText } from '../../src/core/library/import';
import { ImportError } from '../../src/core/story/errors';
import { importBytes } from '../../src/core/story/import';
import { encode, KAGI_PATH, REFERENCE_PATH } from './helpers';

const reference = () => readFileSync(REFERENCE_PATH, 'utf8');
const kagi = () => readFileSync(KAGI_PATH, 'utf8');
const claimReview = {
  '@context': 'https://schema.org',
  '@type': 'ClaimReview',
  url: 'https://factcheck.example/a',
  claimReviewed: 'Bridges can fly.',
  author: { '@type': 'Organization', name: 'Example Checks' },
  reviewRating: { '@type': 'Rating', alternateName: 'False' },
};
const google = { claims: [{ text: 'Rivers run uphill.', claimant: 'A post', claimReview: [{ publisher: { name: 'Checker' }, url: 'https://checker.example/r', title: 'Rivers', textualRating: 'False' }] }] };
const jsonl = '{"id":"a","claim":"The sea is dry."}\n{"id":"b","claim":"Snow is hot.","rating":"False"}\n';

/** Every format of the registry, with an input it must read, and what it gives. */
const SAMPLES: { format: string; text: () => string; stories: number; factChecks: number }[] = [
  { format: 'story text', text: reference, stories: 1, factChecks: 0 },
  { format: 'story JSON', text: kagi, stories: 35, factChecks: 0 },
  { format: 'fact-check JSON', text: () => JSON.stringify([claimReview]), stories: 0, factChecks: 1 },
  { format: 'fact-check JSON', text: () => JSON.stringify(google), stories: 0, factChecks: 1 },
  { format: 'fact-check JSON', text: () => '{"id":"one","claim":"A single record on one line."}\n', stories: 0, factChecks: 1 },
  { format: 'fact-check JSON lines', text: () => jsonl, stories: 0, factChecks: 2 },
];

describe('the format registry', () => {
  it('names each format once', () => {
    expect(new Set(FORMATS.map((f) => f.name)).size).toBe(FORMATS.length);
  });

  it.each(SAMPLES)('$format: detected first and read', ({ format, text, stories, factChecks }) => {
    const input = parseInput(text(), 'sample');
    expect(runSteps(detectFormatSteps(input))?.name).toBe(format);
    const got = readFormats(input);
    expect(got.stories).toHaveLength(stories);
    expect(got.factChecks).toHaveLength(factChecks);
  });

  it('a library export round-trips through its own format', () => {
    const stories = importLibraryText(kagi(), 'kagi.json').stories.slice(0, 3);
    const input = parseInput(exportLibrary(stories, []), 'export.json');
    expect(runSteps(detectFormatSteps(input))?.name).toBe('Storylens library export');
    expect(readFormats(input).stories.map((s) => s.id)).toEqual(stories.map((s) => s.id).sort());
  });

  it('text that is none of them is refused, naming the formats', () => {
    expect(() => importLibraryText('just some words\nand more', 'notes.txt')).toThrow(/notes\.txt.*unrecognised format.*story text.*ClaimReview/s);
  });
});

describe('read once', () => {
  afterEach(() => vi.restoreAllMocks());

  // A large value is parsed in pieces (json.ts), each piece once: JSON.parse never sees more text
  // than the file holds, however many pieces it is given.
  const reads: [name: string, text: () => string][] = [
    ['Kagi stories', kagi],
    ['ClaimReview JSON-LD', () => JSON.stringify({ '@graph': [claimReview] })],
    ['a Google Fact Check Tools response', () => JSON.stringify(google)],
    ['a library export', () => exportLibrary(importLibraryText(kagi(), 'k').stories.slice(0, 2), [])],
    ['JSON lines (one parse per line)', () => jsonl],
  ];
  it.each(reads)('%s: JSON.parse reads each character of the file at most once', (_name, text) => {
    const body = text();
    const spy = vi.spyOn(JSON, 'parse');
    importLibraryText(body, 'input.json');
    const read = spy.mock.calls.reduce((n, [piece]) => n + piece.length, 0);
    expect(spy).toHaveBeenCalled();
    expect(read).toBeLessThanOrEqual(body.length);
    expect(read).toBeGreaterThan(body.length / 2);
  });
});

describe('one decoding for every route', () => {
  const bom = new Uint8Array([0xef, 0xbb, 0xbf]);
  const withBom = (text: string) => new Uint8Array([...bom, ...encode(text)]);
  const utf16 = (text: string) => {
    const out = new Uint8Array(2 + text.length * 2);
    out.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) out[2 + i * 2] = text.charCodeAt(i) & 0xff;
    return out;
  };
  const invalid = (text: string) => {
    const bytes = encode(text);
    bytes[100] = 0xff;
    return bytes;
  };

  it('a BOM is dropped: the same stories with and without it', () => {
    expect(importLibraryBytes(withBom(reference()), 'ref.txt').stories).toEqual(importLibraryBytes(encode(reference()), 'ref.txt').stories);
    expect(importLibraryBytes(withBom(jsonl), 'checks.jsonl').factChecks).toHaveLength(2);
    expect(importLibraryText(`\ufeff${jsonl}`, 'checks.jsonl').factChecks).toHaveLength(2);
  });

  it('invalid UTF-8 and UTF-16 are refused by the library import and the story import alike, with the same message', () => {
    for (const bytes of [invalid(reference()), utf16(reference())]) {
      const errors = [() => importLibraryBytes(bytes, 'f.txt'), () => importBytes(bytes, 'f.txt')].map((read) => {
        try {
          read();
        } catch (e) {
          return e;
        }
        return null;
      });
      expect(errors[0]).toBeInstanceOf(ImportError);
      expect((errors[0] as ImportError).message).toMatch(/f\.txt.*(not valid UTF-8|binary data)/);
      expect((errors[1] as ImportError).message).toBe((errors[0] as ImportError).message);
    }
  });
});
