/** Inputs of `storylens check`: query lines and fact-check files. */
import { inputName, readInput } from './input';
import * as v from 'valibot';
import type { FactCheckSource } from '../src/core/claims/check';
import { ImportError } from '../src/core/story/errors';
import { decodeText } from '../src/core/story/import';

const QueryLine = v.looseObject({ id: v.union([v.string(), v.number()]), text: v.pipe(v.string(), v.minLength(1), v.maxLength(5000)) });

/** JSONL `{id, text}` lines; a bad line is an ImportError naming the line. */
export function parseQueries(text: string, file: string): { id: string | number; text: string }[] {
  const out: { id: string | number; text: string }[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let raw: unknown;
    try {
      raw = JSON.parse(line);
    } catch {
      throw new ImportError({ file, line: i + 1 }, 'not a JSON object; a query line is {id, text}');
    }
    const parsed = v.safeParse(QueryLine, raw);
    if (!parsed.success) {
      const field = parsed.issues[0]?.path?.map((p) => String(p.key)).join('.') ?? '';
      throw new ImportError({ file, line: i + 1 }, `${field ? `field "${field}" ` : ''}is missing or invalid; a query line is {id, text}`);
    }
    out.push({ id: parsed.output.id, text: parsed.output.text });
  });
  return out;
}

/** Reads fact-check files into an index for Check claim. */
export async function readFactChecks(files: string[], stdin?: AsyncIterable<Uint8Array | string>): Promise<FactCheckSource> {
  const { importFactChecks } = await import('../src/core/claims/factchecks');
  const { factCheckSource } = await import('../src/core/claims/retrieval');
  const records = [];
  for (const file of files) {
    const text = decodeText(await readInput(file, stdin), inputName(file));
    records.push(...importFactChecks(text, inputName(file)));
  }
  return factCheckSource(records);
}
