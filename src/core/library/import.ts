/**
 * One import for everything the library holds, chosen by content: stories (story text, Kagi JSON,
 * canonical JSON), a whole-library export, or fact-check records (ClaimReview JSON-LD, a Google Fact
 * Check Tools response, JSONL). All or nothing: a bad file yields an ImportError and no records.
 */
import type { FactCheck } from '../claims/factchecks';
import { importFactChecks } from '../claims/factchecks';
import { ImportError } from '../story/errors';
import { importJson, importText, parseJson } from '../story/import';
import { canonicalize, type Story } from '../story/model';

export const EXPORT_FORMAT = 'storylens-library';
export const EXPORT_VERSION = 1;

export interface Imported {
  stories: Story[];
  factChecks: FactCheck[];
}

/** Does this text hold fact-check records rather than stories? */
function looksLikeFactChecks(text: string, data: unknown): boolean {
  if (data === undefined) {
    // JSONL: the first line is an object with a "claim" field.
    const first = text.split(/\r?\n/).find((l) => l.trim());
    try {
      const o = JSON.parse(first ?? '') as Record<string, unknown>;
      return typeof o === 'object' && o !== null && typeof o.claim === 'string';
    } catch {
      return false;
    }
  }
  const s = JSON.stringify(data).slice(0, 20_000);
  return /"@type"\s*:\s*"ClaimReview"|"claimReview"\s*:|"claimReviewed"\s*:/.test(s);
}

export function importLibraryText(text: string, file: string): Imported {
  const body = text.replace(/^\ufeff/, '');
  const first = /\S/.exec(body)?.[0];
  if (first === '{' || first === '[') {
    // JSONL: one object per line (a file of one record is one line, and JSON.parse would take it as
    // a story), each a fact-check when the first has a "claim".
    const lines = body.split(/\r?\n/).filter((l) => l.trim());
    const jsonl = first === '{' && lines.every((l) => /^\s*\{.*\}\s*$/.test(l));
    if (jsonl && looksLikeFactChecks(body, undefined)) return { stories: [], factChecks: importFactChecks(body, file) };
    const data = parseJson(body, file);
    if (typeof data === 'object' && data !== null && (data as { format?: unknown }).format === EXPORT_FORMAT) return importExport(data as Record<string, unknown>, file);
    if (looksLikeFactChecks(body, data)) return { stories: [], factChecks: importFactChecks(body, file) };
    return { stories: importJson(data, file), factChecks: [] };
  }
  return { stories: importText(body, file), factChecks: [] };
}

function importExport(data: Record<string, unknown>, file: string): Imported {
  if (data.version !== EXPORT_VERSION) throw new ImportError({ file, path: '$.version' }, `expected version ${EXPORT_VERSION} of the library export, found ${JSON.stringify(data.version)}`);
  if (!Array.isArray(data.stories)) throw new ImportError({ file, path: '$.stories' }, 'expected an array of stories');
  const stories = data.stories.length ? importJson({ stories: data.stories }, file) : [];
  const checks = Array.isArray(data.factChecks) && data.factChecks.length ? importFactChecks(data.factChecks.map((r) => JSON.stringify(r)).join('\n'), file) : [];
  return { stories, factChecks: checks };
}

/** The whole library as one JSON file; importing it gives the same library back. */
export function exportLibrary(stories: readonly Story[], factChecks: readonly FactCheck[]): string {
  const sorted = [...stories].sort((a, b) => a.id.localeCompare(b.id)).map(canonicalize);
  const checks = [...factChecks].sort((a, b) => a.id.localeCompare(b.id));
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, stories: sorted, factChecks: checks }, null, 2)}\n`;
}
