/**
 * One import for everything the library holds, chosen by content: stories (story text, Kagi JSON,
 * canonical JSON), a whole-library export, or fact-check records (ClaimReview JSON-LD, a Google Fact
 * Check Tools response, JSONL). All or nothing: a bad file yields an ImportError and no records.
 */
import type { FactCheck } from '../claims/factchecks';
import { ImportError } from '../story/errors';
import { decodeText } from '../story/import';
import { canonicalize, type Story } from '../story/model';
import { EXPORT_FORMAT, EXPORT_VERSION, parseInputSteps, readFormatsSteps, type Imported } from './formats';
import { runSteps, type Steps } from '../text/steps';

export { EXPORT_FORMAT, EXPORT_VERSION, type Imported };

/**
 * Imports bytes (a file, a feed's body): decoded once (strict UTF-8, BOM dropped, the same errors
 * everywhere), parsed once, read by the format registry (`formats.ts`).
 */
export function importLibraryBytes(bytes: Uint8Array, file: string): Imported {
  return importLibraryText(decodeText(bytes, file), file);
}

/** Imports text already decoded (the options page reads files as text): parsed once, then read by format. */
export function importLibraryText(input: string, file: string): Imported {
  return runSteps(importLibrarySteps(input, file));
}

/**
 * `importLibraryText` in steps (a piece of JSON parsed, a story validated), for a caller that
 * pauses between them; nothing is kept anywhere until the last step returns the records.
 */
export function* importLibrarySteps(input: string, file: string): Steps<Imported> {
  const text = input.replace(/^\ufeff/, '');
  if (text.trim() === '') throw new ImportError({ file, line: 1 }, 'the file is empty; expected stories (story text, Kagi JSON or canonical JSON) or fact-checks');
  return yield* readFormatsSteps(yield* parseInputSteps(text, file));
}

/** The whole library as one JSON file; importing it gives the same library back. */
export function exportLibrary(stories: readonly Story[], factChecks: readonly FactCheck[]): string {
  const sorted = [...stories].sort((a, b) => a.id.localeCompare(b.id)).map(canonicalize);
  const checks = [...factChecks].sort((a, b) => a.id.localeCompare(b.id));
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, stories: sorted, factChecks: checks }, null, 2)}\n`;
}
