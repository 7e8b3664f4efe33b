/**
 * JSON as imports read it: nesting limited, errors naming the line and column, and a large value
 * read in pieces. `parseJsonSteps` gives what `JSON.parse` gives, but parses the top-level value's
 * members (and the items of a list among them: a file's stories) one `JSON.parse` each, yielding
 * between them, so that whoever runs the steps can pause (a service worker answers its messages
 * meanwhile) instead of one uninterrupted parse of the whole file. A generator of `void` steps is
 * what `core/text/steps.ts` runs (at once, or with a pause).
 */
import { ImportError } from './errors';
import { runSteps, type Steps } from '../text/steps';

export const MAX_JSON_DEPTH = 64;

/** JSON.parse with a depth limit and an error that names the line and column. */
export function parseJson(text: string, file: string): unknown {
  scanDepth(text, 0, 0, file, false);
  return parsePiece(text, 0, text.length, file);
}

/** Where an item of a list lies in the value: `[3]`, `["clusters", 3]`, `[0, 2]`. */
export type ItemPath = readonly (string | number)[];

/**
 * What to keep of a list's item once it is parsed (see parseJsonSteps): the item itself, or what
 * the caller reads it as, at once, while it is new (a story validated while its parsed copy is
 * still young in memory, so that copy never reaches the old generation of the heap). `top` is the
 * top-level value as parsed so far (an object's members before this one).
 */
export type ItemReader = (item: unknown, path: ItemPath, top: unknown) => unknown;

/**
 * The same value as `parseJson`, in steps: one step per member of the top-level object or item of
 * the top-level array, and one per item of a list that is such a member or item. Pieces deeper
 * than that (a story) are parsed whole. The text between pieces is checked here as strictly as
 * JSON.parse would; each piece is checked by JSON.parse itself. Each item of those lists is put
 * in its list as `readItem` gives it back (the item itself when there is no reader).
 */
export function* parseJsonSteps(text: string, file: string, readItem?: ItemReader): Steps<unknown> {
  const reader = new PieceReader(text, file, readItem);
  const at = reader.skipSpace(0);
  const value = yield* reader.value(at, 0, []);
  reader.end(reader.skipSpace(value.end));
  return value.value;
}

/** One line of a JSON-lines file, parsed. */
export interface JsonLine {
  line: number;
  value: unknown;
}

/** Whether the text is shaped as JSON lines: its first non-empty line one `{…}` on its own. */
export function looksLikeJsonLines(text: string): boolean {
  const first = /\S/.exec(text)?.index;
  if (first === undefined) return false;
  const end = text.indexOf('\n', first);
  const head = text.slice(text.lastIndexOf('\n', first) + 1, end < 0 ? text.length : end);
  return /^\s*\{.*\}\s*$/.test(head);
}

/**
 * A JSON-lines file, each line parsed once, one step a line: null when the text is not shaped as
 * JSON lines (a pretty-printed object's first line is `{` alone). A line that does not parse is an
 * ImportError naming the line. One line is one JSON value.
 */
export function* parseJsonLinesSteps(text: string, file: string): Steps<JsonLine[] | null> {
  if (!looksLikeJsonLines(text)) return null;
  const lines = text.split(/\r?\n/);
  const out: JsonLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.trim() === '') continue;
    try {
      out.push({ line: i + 1, value: parseJson(l, file) });
    } catch (e) {
      const problem = e instanceof ImportError ? e.problem : 'invalid JSON';
      throw new ImportError({ file, line: i + 1 }, `${problem}; each line must be one JSON object`);
    }
    yield;
  }
  return out;
}

/** `parseJsonLinesSteps` at once. */
export function parseJsonLines(text: string, file: string): JsonLine[] | null {
  return runSteps(parseJsonLinesSteps(text, file));
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;
const COLON = 58;

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

/** Index just past the string that opens at `i` (its closing quote not escaped), or the text's end. */
function stringEnd(text: string, i: number): number {
  let j = text.indexOf('"', i + 1);
  while (j > 0) {
    let slashes = 0;
    for (let k = j - 1; text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return j + 1;
    j = text.indexOf('"', j + 1);
  }
  return text.length;
}

/**
 * Rejects nesting deeper than MAX_JSON_DEPTH (counting from `depth`) before JSON.parse and before any
 * recursive walk can overflow the stack. With `untilClosed`, stops where the container opening at
 * `from` closes and returns that index (the end of a piece); otherwise scans the whole text.
 */
function scanDepth(text: string, from: number, depth: number, file: string, untilClosed: boolean): number {
  let d = depth;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) i = stringEnd(text, i) - 1;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++d > MAX_JSON_DEPTH) {
        throw new ImportError({ file, line: lineColumn(text, i).line }, `JSON nested deeper than ${MAX_JSON_DEPTH} levels; a story is at most a few levels deep`);
      }
    } else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --d === depth && untilClosed) return i + 1;
  }
  return text.length;
}

/** Where the value opening at `at` ends, `depth` containers deep (its nesting checked). */
function valueEnd(text: string, at: number, depth: number, file: string): number {
  const c = text.charCodeAt(at);
  if (c === QUOTE) return stringEnd(text, at);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) return scanDepth(text, at, depth, file, true);
  // A number, true, false or null (or something JSON.parse will refuse): up to a delimiter.
  let i = at;
  while (i < text.length) {
    const x = text.charCodeAt(i);
    if (isSpace(x) || x === COMMA || x === COLON || x === CLOSE_BRACE || x === CLOSE_BRACKET || x === OPEN_BRACE || x === OPEN_BRACKET || x === QUOTE) break;
    i++;
  }
  return i;
}

/** JSON.parse of text[from, to), its error placed in the whole text. */
function parsePiece(text: string, from: number, to: number, file: string): unknown {
  const piece = from === 0 && to === text.length ? text : text.slice(from, to);
  try {
    return JSON.parse(piece) as unknown;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = offsetIn(piece, message);
    const problem = message
      .replace(/^JSON\.parse: /, '')
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/ at line \d+ column \d+ of the JSON data$/, '');
    throw jsonError(text, file, at !== undefined ? from + at : to, problem);
  }
}

/** Where in the piece JSON.parse's message places the error: V8 says a position, Firefox a line and column. */
function offsetIn(piece: string, message: string): number | undefined {
  const pos = /position (\d+)/.exec(message)?.[1];
  if (pos !== undefined) return Number(pos);
  const lc = /at line (\d+) column (\d+) of the JSON data/.exec(message);
  if (!lc) return undefined;
  let start = 0;
  for (let line = 1; line < Number(lc[1]) && start >= 0; line++) start = piece.indexOf('\n', start) + 1 || -1;
  return start < 0 ? undefined : start + Number(lc[2]) - 1;
}

function jsonError(text: string, file: string, offset: number, problem: string): ImportError {
  const { line, column } = lineColumn(text, offset);
  const what = offset >= text.trimEnd().length ? 'the JSON ends too early (truncated?)' : `invalid JSON at column ${column}`;
  return new ImportError({ file, line }, `${what}: ${problem}`);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastNl = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lastNl = i;
  }
  return { line, column: offset - lastNl };
}

/** A value read and where its text ends. */
interface Read {
  value: unknown;
  end: number;
}

/** Reads the top levels of one JSON text, piece by piece (see parseJsonSteps). */
class PieceReader {
  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly readItem?: ItemReader,
  ) {}

  /** The top-level container as built so far (for the item reader). */
  private top: unknown;

  skipSpace(i: number): number {
    while (i < this.text.length && isSpace(this.text.charCodeAt(i))) i++;
    return i;
  }

  /** The value at `at`, `depth` containers deep: split when it is the top or a list one level down. */
  *value(at: number, depth: number, path: ItemPath): Steps<Read> {
    const c = this.text.charCodeAt(at);
    if (c === OPEN_BRACE && depth === 0) return yield* this.object(at);
    if (c === OPEN_BRACKET && depth <= 1) return yield* this.array(at, depth, path);
    return this.piece(at, depth);
  }

  /** One value parsed whole: its end found by the depth scan, its text checked by JSON.parse. */
  piece(at: number, depth: number): Read {
    if (at >= this.text.length) throw this.unexpected(at, 'a value');
    const end = valueEnd(this.text, at, depth, this.file);
    if (end === at) throw this.unexpected(at, 'a value');
    return { value: parsePiece(this.text, at, end, this.file), end };
  }

  *array(at: number, depth: number, path: ItemPath): Steps<Read> {
    const out: unknown[] = [];
    if (depth === 0) this.top = out;
    let i = this.skipSpace(at + 1);
    if (this.text.charCodeAt(i) === CLOSE_BRACKET) return { value: out, end: i + 1 };
    for (;;) {
      const itemPath = [...path, out.length];
      const item = yield* this.value(i, depth + 1, itemPath);
      out.push(this.readItem ? this.readItem(item.value, itemPath, this.top) : item.value);
      yield;
      i = this.skipSpace(item.end);
      const c = this.text.charCodeAt(i);
      if (c === CLOSE_BRACKET) return { value: out, end: i + 1 };
      if (c !== COMMA) throw this.unexpected(i, '"," or "]" after an array item');
      i = this.skipSpace(i + 1);
    }
  }

  *object(at: number): Steps<Read> {
    const out: Record<string, unknown> = {};
    this.top = out;
    let i = this.skipSpace(at + 1);
    if (this.text.charCodeAt(i) === CLOSE_BRACE) return { value: out, end: i + 1 };
    for (;;) {
      if (this.text.charCodeAt(i) !== QUOTE) throw this.unexpected(i, 'a property name in double quotes');
      const keyEnd = stringEnd(this.text, i);
      const key = parsePiece(this.text, i, keyEnd, this.file) as string;
      i = this.skipSpace(keyEnd);
      if (this.text.charCodeAt(i) !== COLON) throw this.unexpected(i, '":" after a property name');
      const member = yield* this.value(this.skipSpace(i + 1), 1, [key]);
      // As JSON.parse makes it: an own property even for "__proto__"; a repeated name keeps its place, the last value.
      Object.defineProperty(out, key, { value: member.value, writable: true, enumerable: true, configurable: true });
      yield;
      i = this.skipSpace(member.end);
      const c = this.text.charCodeAt(i);
      if (c === CLOSE_BRACE) return { value: out, end: i + 1 };
      if (c !== COMMA) throw this.unexpected(i, '"," or "}" after a property value');
      i = this.skipSpace(i + 1);
    }
  }

  /** Only white space may follow the value. */
  end(i: number): void {
    if (i < this.text.length) throw this.unexpected(i, 'nothing after the JSON value');
  }

  private unexpected(i: number, expected: string): ImportError {
    const found = i >= this.text.length ? 'the end' : JSON.stringify(this.text[i]);
    return jsonError(this.text, this.file, i, `expected ${expected}, found ${found}`);
  }
}
