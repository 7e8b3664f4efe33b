/**
 * One entry point for every story input: bytes in, validated canonical stories out, or an
 * ImportError naming the file and the line or JSON path. The format is chosen by content, never by
 * file name. All or nothing: a file with one bad story imports no story.
 */
import * as v from 'valibot';
import { ImportError, jsonPath } from './errors';
import { parseJsonSteps } from './json';
import { fromKagi, KagiStorySchema, looksLikeKagiStory } from './kagi';
import { canonicalize, LIMITS, StorySchema, type Story } from './model';
import { looksLikeStoryText, parseStoryText } from './storyText';
import { runSteps, type Steps } from '../text/steps';

export { MAX_JSON_DEPTH, parseJson, parseJsonLines, type JsonLine } from './json';

export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Decodes bytes as UTF-8, refusing binary data and invalid encodings with the offending offset. */
export function decodeText(bytes: Uint8Array, file: string): string {
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new ImportError({ file }, `the file is ${bytes.length.toLocaleString('en-US')} bytes; the limit is ${MAX_INPUT_BYTES.toLocaleString('en-US')}`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new ImportError({ file, line: lineAtByte(bytes, nul) }, `binary data (a NUL byte at offset ${nul}); expected UTF-8 text`);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new ImportError({ file, line: lineAtByte(bytes, at) }, `not valid UTF-8 (at byte offset ${at}); expected UTF-8 text`);
  }
}

function lineAtByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 10) line++;
  return line;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** Imports stories from raw bytes (a file, a download). */
export function importBytes(bytes: Uint8Array, file: string): Story[] {
  return importText(decodeText(bytes, file), file);
}

/** Imports stories from text; format by content: JSON (canonical, Kagi) or story text. */
export function importText(input: string, file: string): Story[] {
  return runSteps(importTextSteps(input, file));
}

/** `importText` in steps: a piece of JSON parsed, a story validated (json.ts, importJsonSteps). */
export function* importTextSteps(input: string, file: string): Steps<Story[]> {
  const text = input.replace(/^\ufeff/, '');
  if (text.trim() === '') throw new ImportError({ file, line: 1 }, 'the file is empty; expected a story (story text, Kagi JSON or canonical JSON)');
  const first = /\S/.exec(text)?.[0];
  if (first === '{' || first === '[') return yield* importJsonSteps(yield* parseJsonSteps(text, file, (item, path) => (isStoryItem(path) ? readEarly(item, file) : item)), file);
  if (looksLikeStoryText(text)) return [parseStoryText(text, file)];
  throw new ImportError(
    { file, line: 1 },
    'unrecognised format: expected JSON (a canonical or Kagi story, or a list of them) or story text (a title, then "Updated (N articles)")',
  );
}

type Seg = string | number;

/**
 * A list item read as a story while its JSON was parsed (`importTextSteps`): the story, or, when it
 * is no valid story, the item as parsed, read again in its place by `importJsonSteps` (which names
 * the first bad story in file order, and only once the whole file parsed: a JSON error anywhere
 * comes first, as when the file was parsed before any story was read). The parsed copy of a good
 * story is dropped at once: 10,000 stories read into a large library are not kept twice until the
 * end of the file, and the garbage collector does not carry a second copy into the old generation.
 */
class EarlyRead {
  constructor(
    readonly story: Story | undefined,
    readonly item: unknown,
  ) {}
}

/** An item where `importJsonSteps` looks for stories: of a top-level list, or of `clusters` or `stories`. */
const isStoryItem = (path: readonly Seg[]): boolean =>
  (path.length === 1 && typeof path[0] === 'number') || (path.length === 2 && (path[0] === 'clusters' || path[0] === 'stories') && typeof path[1] === 'number');

/** A story read while its JSON is parsed (see EarlyRead), for `importJsonSteps` to take in its place. */
export function readEarly(item: unknown, file: string): EarlyRead {
  try {
    return new EarlyRead(importOne(item, file, []), undefined);
  } catch {
    // Read again in its place, where it fails as it did here (then with its path).
    return new EarlyRead(undefined, item);
  }
}

/** Finds the stories in parsed JSON: one story, an array, or an object with `clusters`/`stories`. */
export function importJson(data: unknown, file: string): Story[] {
  return runSteps(importJsonSteps(data, file));
}

/** `importJson` one story a step (the validation of 10,000 stories is seconds of work). */
export function* importJsonSteps(data: unknown, file: string): Steps<Story[]> {
  let items: unknown[];
  let base: Seg[];
  if (Array.isArray(data)) {
    items = data;
    base = [];
  } else if (isObject(data) && Array.isArray(data.clusters)) {
    items = data.clusters;
    base = ['clusters'];
  } else if (isObject(data) && Array.isArray(data.stories)) {
    items = data.stories;
    base = ['stories'];
  } else if (isObject(data)) {
    items = [data];
    base = [];
  } else {
    throw new ImportError({ file, path: '$' }, `expected a story object or an array of stories, found ${describe(data)}`);
  }
  if (items.length === 0) throw new ImportError({ file, path: jsonPath(base) }, 'the list holds no stories');
  if (items.length > LIMITS.stories) throw new ImportError({ file, path: jsonPath(base) }, `more than ${LIMITS.stories.toLocaleString('en-US')} stories in one file`);
  const single = !Array.isArray(data) && base.length === 0;
  const stories: Story[] = [];
  const seen = new Map<string, number>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const s = item instanceof EarlyRead ? (item.story ?? importOne(item.item, file, [...base, i])) : importOne(item, file, single ? [] : [...base, i]);
    const before = seen.get(s.id);
    if (before !== undefined) throw new ImportError({ file, path: jsonPath([...base, i, 'id']) }, `duplicate story id "${s.id}" (also at ${jsonPath([...base, before])})`);
    seen.set(s.id, i);
    stories.push(s);
    yield;
  }
  return stories;
}

function importOne(item: unknown, file: string, at: Seg[]): Story {
  if (!isObject(item)) throw new ImportError({ file, path: jsonPath(at) }, `expected a story object, found ${describe(item)}`);
  if (isCanonical(item)) return validate(item, file, at);
  if (looksLikeKagiStory(item)) {
    const parsed = v.safeParse(KagiStorySchema, item);
    if (!parsed.success) throw issueError(parsed.issues, file, at, 'Kagi story');
    return validate(fromKagi(parsed.output), file, at);
  }
  throw new ImportError(
    { file, path: jsonPath(at) },
    'expected a canonical story (id, title, articleCount, summary[], sources[], timeline[]) or a Kagi story (title, summary, articles[])',
  );
}

/** Canonical stories carry `articleCount` and a structured `summary` array. */
function isCanonical(o: Record<string, unknown>): boolean {
  return 'articleCount' in o || (Array.isArray(o.summary) && Array.isArray(o.sources));
}

function validate(story: unknown, file: string, at: Seg[]): Story {
  const parsed = v.safeParse(StorySchema, story);
  if (!parsed.success) throw issueError(parsed.issues, file, at, 'story');
  // Already canonical: the schema's output is a new object of its own entries, in the schema's
  // order (canonicalize's), no absent field as a key (json-steps.test.ts holds them equal).
  return parsed.output;
}

function issueError(issues: readonly v.BaseIssue<unknown>[], file: string, at: Seg[], what: string): ImportError {
  const issue = issues[0];
  const segs: Seg[] = [...at, ...(issue?.path ?? []).map((p) => p.key as Seg)];
  const field = segs.at(-1);
  let problem = issue?.message ?? `invalid ${what}`;
  if (issue && issue.kind === 'schema' && issue.expected) {
    problem = issue.received === 'undefined' ? `missing required field; expected ${issue.expected}` : `expected ${issue.expected}, found ${issue.received}`;
  } else if (typeof field === 'string' && !problem.includes(field)) {
    problem = `${field} ${problem}`;
  }
  return new ImportError({ file, path: jsonPath(segs) }, `${problem} (in a ${what})`);
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  return typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}

/** The canonical JSON text of a list of stories (what `storylens import` prints and exports hold). */
export function exportStories(stories: readonly Story[]): string {
  return `${JSON.stringify(stories.map(canonicalize), null, 2)}\n`;
}
