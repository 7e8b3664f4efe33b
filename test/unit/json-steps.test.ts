/**
 * JSON read in pieces (core/story/json.ts): the same value as JSON.parse, the same first error at
 * the same line, and one step per story of a large file so that a worker can pause between them.
 */
import { describe, expect, it, vi } from 'vitest';
import { ImportError } from '../../src/core/story/errors';
import { exportStories, importJson, importJsonSteps, importText } from '../../src/core/story/import';
import { parseJson, parseJsonSteps } from '../../src/core/story/json';
import { runSteps } from '../../src/core/text/steps';
import { canonicalize } from '../../src/core/story/model';
import { seededRandom } from '../support/random';
import { KAGI_PATH, readText, stepped } from './helpers';

const kagiText = readText(KAGI_PATH);
const stories = importText(kagiText, 'kagi.json');
const exported = exportStories(stories);

const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

describe('the same value as JSON.parse', () => {
  const texts: [string, string][] = [
    ['an array of stories', exported],
    ['the Kagi dev stories (an array)', kagiText],
    ['a Kagi category file (an object with a list)', `{"category": "World", "timestamp": 1767225600, "clusters": ${kagiText}}`],
    ['a library export', JSON.stringify({ format: 'storylens-library', version: 1, stories: JSON.parse(exported), factChecks: [] }, null, 1)],
    ['primitives at every level', ' [1, -2.5e3, true, false, null, "x", [], {}, [1, [2, [3]]], {"a": [1, {"b": 2}]}] '],
    ['strings holding brackets, quotes and escapes', '{"a\\"]": "}{][", "b": ["\\\\", "\\"", "\\u005d", "[\\\\\\"]"], "c\\\\": {"d": "]"}}'],
    ['a repeated key (the last value, the first place)', '{"a": 1, "b": [2], "a": [3, 4]}'],
    ['a "__proto__" key (an own property, as JSON.parse makes it)', '{"__proto__": {"polluted": true}, "x": [{"__proto__": 1}]}'],
    ['a top-level string', '"just a string"'],
    ['a top-level number', '\n\t42\r\n'],
    ['tabs, returns and no white space at all', '{"a":[1,2],\r\n\t"b":{"c":[]}}'],
  ];
  it.each(texts)('%s', (_name, text) => {
    const got = runSteps(parseJsonSteps(text, 'x.json'));
    const want: unknown = JSON.parse(text);
    expect(got).toEqual(want);
    expect(JSON.stringify(got)).toBe(JSON.stringify(want));
    expect(Object.getPrototypeOf(got)).toBe(Object.getPrototypeOf(want));
  });

  it('a story array is one step per story at least, and each story is handed to JSON.parse once', () => {
    const { value, steps } = stepped(parseJsonSteps(exported, 'x.json'));
    expect((value as unknown[]).length).toBe(stories.length);
    expect(steps).toBeGreaterThanOrEqual(stories.length);
  });

  it('stories are validated one a step, with the same stories as at once', () => {
    const data = JSON.parse(exported) as unknown;
    const { value, steps } = stepped(importJsonSteps(data, 'x.json'));
    expect(steps).toBe(stories.length);
    expect(value).toEqual(importJson(data, 'x.json'));
  });

  it('a validated story is already canonical: same keys in the same order, no absent field as a key', () => {
    for (const s of importJson(JSON.parse(exported), 'x.json')) expect(JSON.stringify(s)).toBe(JSON.stringify(canonicalize(s)));
    for (const s of importJson(JSON.parse(kagiText), 'kagi.json')) {
      expect(JSON.stringify(s)).toBe(JSON.stringify(canonicalize(s)));
      expect(Object.values(s.articles[0] ?? {})).not.toContain(undefined);
    }
  });
});

describe('stories read while their JSON is parsed (importText)', () => {
  const two = JSON.parse(exported).slice(0, 2) as Record<string, unknown>[];
  const bad = { ...two[1], title: 42 };
  const importFails = (text: string) => {
    try {
      importText(text, 'f.json');
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      return e as ImportError;
    }
    throw new Error('expected an ImportError');
  };

  it('give the stories read after the parse, in a list, under clusters or stories, and as one object', () => {
    const want = importJson(JSON.parse(JSON.stringify(two)), 'f.json');
    expect(importText(JSON.stringify(two), 'f.json')).toEqual(want);
    expect(importText(JSON.stringify({ stories: two }), 'f.json')).toEqual(want);
    expect(importText(JSON.stringify({ clusters: two, stories: [] }), 'f.json')).toEqual(want);
    expect(importText(JSON.stringify(two[0]), 'f.json')).toEqual(want.slice(0, 1));
  });

  it('a bad story is named by its path, and a JSON error later in the file comes first', () => {
    expect(importFails(JSON.stringify([two[0], bad])).message).toBe('f.json at $[1].title: expected string, found 42 (in a story)');
    expect(importFails(JSON.stringify({ clusters: [two[0], bad] })).path).toBe('$.clusters[1].title');
    expect(importFails(JSON.stringify([two[0], 7])).message).toBe('f.json at $[1]: expected a story object, found a number');
    // Stories under a list importJson does not read are not what fails.
    expect(importText(JSON.stringify({ clusters: two, stories: [bad] }), 'f.json')).toHaveLength(2);
    const e = importFails(`[\n${JSON.stringify(bad)},\n${JSON.stringify(two[0])}\n}`);
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/invalid JSON at column 1: expected "," or "\]"/);
  });

  it('the same id twice is named at its second place', () => {
    expect(importFails(JSON.stringify([two[0], two[1], two[0]])).path).toBe('$[2].id');
  });
});

describe('errors: the first one, at its line', () => {
  const fails = (text: string) => {
    try {
      runSteps(parseJsonSteps(text, 'bad.json'));
    } catch (e) {
      expect(e).toBeInstanceOf(ImportError);
      return e as ImportError;
    }
    throw new Error('expected an ImportError');
  };

  it.each([
    ['a missing comma between stories', '[\n{"a": 1}\n{"b": 2}\n]', 3, /invalid JSON at column 1: expected "," or "\]"/],
    ['a trailing comma', '[\n1,\n]', 3, /invalid JSON at column 1: expected a value, found "\]"/],
    ['a key without quotes', '{\n"a": 1,\nb: 2}', 3, /expected a property name/],
    ['text after the value', '[1, 2]\n]', 2, /expected nothing after the JSON value/],
    ['an object cut short', '{"stories": [\n{"id": "a"},\n{"id": ', 3, /ends too early/],
    ['an unterminated string', '[\n"abc', 2, /ends too early/],
  ])('%s', (_name, text, line, says) => {
    const e = fails(text);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(says);
    expect(e.message).toMatch(/^bad\.json:\d+: /);
  });

  it("Firefox's message (a line and column in the piece) is placed in the whole file", () => {
    const text = '[\n{"a": 1},\n{"b":\n x}\n]';
    const parse = JSON.parse.bind(JSON);
    vi.spyOn(JSON, 'parse').mockImplementation((piece: string) => {
      if (piece.includes('x')) throw new SyntaxError('JSON.parse: unexpected character at line 2 column 2 of the JSON data');
      return parse(piece) as unknown;
    });
    try {
      const e = fails(text);
      expect(e.line).toBe(4);
      expect(e.problem).toBe('invalid JSON at column 2: unexpected character');
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('nesting deeper than the limit is refused, naming the line', () => {
    const e = fails(`{"a": [\n${'['.repeat(100)}${']'.repeat(100)}]}`);
    expect(e.line).toBe(2);
    expect(e.problem).toMatch(/nested deeper than 64 levels/);
  });

  // Each mutant of a story file: parsed in pieces it gives JSON.parse's value, or fails where
  // JSON.parse fails (its line when JSON.parse says the position).
  it('fuzz: 300 one-character mutants of a story file agree with JSON.parse', { timeout: 120_000 }, () => {
    const rand = seededRandom(12);
    const base = JSON.stringify(JSON.parse(exported).slice(0, 2), null, 1);
    const alphabet = ['{', '}', '[', ']', '"', ',', ':', '\\', ' ', '\n', 'x', '1', ''];
    for (let k = 0; k < 300; k++) {
      const at = Math.floor(rand() * base.length);
      const text = base.slice(0, at) + alphabet[Math.floor(rand() * alphabet.length)] + base.slice(at + 1);
      let want: unknown;
      let position: number | undefined;
      let failed = false;
      try {
        want = JSON.parse(text);
      } catch (e) {
        failed = true;
        const pos = /position (\d+)/.exec((e as Error).message)?.[1];
        position = pos === undefined ? undefined : Number(pos);
      }
      if (!failed) {
        expect(runSteps(parseJsonSteps(text, 'm.json'))).toEqual(want);
        continue;
      }
      const e = fails(text);
      if (position !== undefined) expect(e.line, `mutant ${k} at ${at}`).toBe(lineAt(text, position));
      // The whole-text parse reports the same error.
      expect(() => parseJson(text, 'm.json')).toThrow(ImportError);
    }
  });
});
