/**
 * The formats a library import reads, in one registry: each says from the input, decoded and parsed
 * once, whether it is its format (`detect`) and reads it (`read`). The first format that detects
 * the input reads it; the order is the order of precedence (a library export is also JSON with
 * stories, a JSON value with ClaimReview nodes is not a story). The parse and the read are steps
 * (`core/text/steps.ts`): a large file's JSON is parsed a piece at a time and its stories validated one a
 * step, so that the worker can pause between them.
 */
import { factChecksFromJson, factChecksFromLines, holdsFactChecksSteps, type FactCheck } from '../claims/factchecks';
import { ImportError } from '../story/errors';
import { importJsonSteps, readEarly } from '../story/import';
import { parseJsonLinesSteps, parseJsonSteps, type JsonLine } from '../story/json';
import type { Story } from '../story/model';
import { looksLikeStoryText, parseStoryText } from '../story/storyText';
import { runSteps, type Steps } from '../text/steps';

export interface Imported {
  stories: Story[];
  factChecks: FactCheck[];
}

/** The input as read once: its text, and its JSON value or JSON lines when it is JSON. */
export type ParsedInput = { text: string; file: string } & ({ kind: 'json'; value: unknown } | { kind: 'jsonl'; lines: JsonLine[] } | { kind: 'text' });

export interface Format {
  name: string;
  /** Whether the input is this format: at once, or in steps (a search through a large value). */
  detect(input: ParsedInput): boolean | Steps<boolean>;
  read(input: ParsedInput, formats: readonly Format[]): Steps<Imported>;
}

export const EXPORT_FORMAT = 'storylens-library';
export const EXPORT_VERSION = 1;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Parses the (decoded, BOM-less) text once, in steps: JSON lines, one JSON value, or neither. */
export function* parseInputSteps(text: string, file: string): Steps<ParsedInput> {
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[') return { text, file, kind: 'text' };
  // Several lines each one object: JSON lines (each parsed once). One line is one JSON value, read in
  // pieces below like any other: a minified export of 10,000 stories is one line, and parsed as a
  // line it would be one uninterrupted parse of the whole file.
  const lines = first === '{' && !isOneLine(text) ? yield* parseJsonLinesSteps(text, file) : null;
  if (lines && lines.length > 1) return { text, file, kind: 'jsonl', lines };
  if (lines?.[0]) return { text, file, kind: 'json', value: lines[0].value };
  // A library export (its "format" member before its stories, as exportLibrary writes it) has its
  // stories read as they are parsed (story/import.ts, EarlyRead). The other formats look at the
  // value as parsed, so a file that turns out not to be an export (a later "format" member) is
  // parsed again as it is.
  let early = false;
  const readItem = (item: unknown, path: readonly (string | number)[], top: unknown): unknown => {
    if (path.length !== 2 || path[0] !== 'stories' || !isRecord(top) || top.format !== EXPORT_FORMAT) return item;
    early = true;
    return readEarly(item, file);
  };
  let value = yield* parseJsonSteps(text, file, readItem);
  if (early && !(isRecord(value) && value.format === EXPORT_FORMAT)) value = yield* parseJsonSteps(text, file);
  return { text, file, kind: 'json', value };
}

/** Whether the text has no more than one line that is not blank. */
function isOneLine(text: string): boolean {
  const start = text.search(/\S/);
  const end = text.indexOf('\n', start);
  if (end < 0) return true;
  const rest = /\S/g;
  rest.lastIndex = end;
  return !rest.test(text);
}

/** `parseInputSteps` at once. */
export function parseInput(text: string, file: string): ParsedInput {
  return runSteps(parseInputSteps(text, file));
}

const json = (input: ParsedInput): unknown => (input.kind === 'json' ? input.value : undefined);

export const FORMATS: readonly Format[] = [
  {
    name: 'Storylens library export',
    detect: (input) => isRecord(json(input)) && (json(input) as Record<string, unknown>).format === EXPORT_FORMAT,
    *read(input) {
      const data = json(input) as Record<string, unknown>;
      const { file } = input;
      if (data.version !== EXPORT_VERSION) throw new ImportError({ file, path: '$.version' }, `expected version ${EXPORT_VERSION} of the library export, found ${JSON.stringify(data.version)}`);
      if (!Array.isArray(data.stories)) throw new ImportError({ file, path: '$.stories' }, 'expected an array of stories');
      const stories = data.stories.length ? yield* importJsonSteps({ stories: data.stories }, file) : [];
      const factChecks = Array.isArray(data.factChecks) && data.factChecks.length ? factChecksFromJson(data.factChecks, file) : [];
      return { stories, factChecks };
    },
  },
  {
    name: 'fact-check JSON lines',
    detect: (input) => input.kind === 'jsonl',
    // eslint-disable-next-line require-yield -- one step: fact-check records are small next to stories
    *read(input) {
      return { stories: [], factChecks: input.kind === 'jsonl' ? factChecksFromLines(input.lines, input.file) : [] };
    },
  },
  {
    // schema.org ClaimReview JSON-LD, a Google Fact Check Tools response, or plain records as JSON.
    name: 'fact-check JSON',
    detect: (input) => input.kind === 'json' && holdsFactChecksSteps(input.value),
    // eslint-disable-next-line require-yield -- one step, as above
    *read(input) {
      return { stories: [], factChecks: factChecksFromJson(json(input), input.file) };
    },
  },
  {
    // Canonical or Kagi stories: one, an array, or an object with a `clusters` or `stories` array
    // (each item is read as the one it is).
    name: 'story JSON',
    detect: (input) => input.kind === 'json',
    *read(input) {
      return { stories: yield* importJsonSteps(json(input), input.file), factChecks: [] };
    },
  },
  {
    name: 'story text',
    detect: (input) => input.kind === 'text' && looksLikeStoryText(input.text),
    // eslint-disable-next-line require-yield -- one story: its text is read at once
    *read(input) {
      return { stories: [parseStoryText(input.text, input.file)], factChecks: [] };
    },
  },
];

/** The first format that detects the input, in steps. */
export function* detectFormatSteps(input: ParsedInput, formats: readonly Format[] = FORMATS): Steps<Format | undefined> {
  for (const f of formats) {
    const d = f.detect(input);
    if (typeof d === 'boolean' ? d : yield* d) return f;
  }
  return undefined;
}

/** Reads the input with the first format that detects it, in steps. */
export function* readFormatsSteps(input: ParsedInput, formats: readonly Format[] = FORMATS): Steps<Imported> {
  const format = yield* detectFormatSteps(input, formats);
  if (!format) {
    throw new ImportError(
      { file: input.file, line: 1 },
      'unrecognised format: expected story text (a title, then "Updated (N articles)"), story JSON (canonical or Kagi), a Storylens library export, or fact-checks (ClaimReview JSON-LD, a Google Fact Check Tools response, JSON lines)',
    );
  }
  return yield* format.read(input, formats);
}

/** `readFormatsSteps` at once. */
export function readFormats(input: ParsedInput, formats: readonly Format[] = FORMATS): Imported {
  return runSteps(readFormatsSteps(input, formats));
}
