/**
 * The one way the CLI reads an input: a file or standard input (`-`), at most `MAX_INPUT_BYTES`
 * (64 MiB, the importers' own limit). A
 * file's size is checked before it is read, and every input is counted as it arrives, so an endless
 * stdin or a growing file (a FIFO, /dev/zero) is refused once past the limit instead of filling
 * memory. Errors name the file.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ImportError } from '../src/core/story/errors';
import { MAX_INPUT_BYTES } from '../src/core/story/import';

export { MAX_INPUT_BYTES };

/** How an input is named in messages: `<stdin>` for `-`. */
export const inputName = (file: string): string => (file === '-' ? '<stdin>' : file);

const tooLarge = (file: string, limit: number) => new ImportError({ file: inputName(file) }, `the input is larger than ${limit / (1024 * 1024)} MiB; nothing was read from it`);

async function collect(file: string, source: AsyncIterable<Uint8Array | string>, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of source) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    size += chunk.byteLength;
    if (size > limit) throw tooLarge(file, limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function explain(file: string, e: unknown): ImportError {
  if (e instanceof ImportError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : code === 'EACCES' ? 'permission denied' : `cannot read the file (${e instanceof Error ? e.message : String(e)})`;
  return new ImportError({ file }, why);
}

/** The bytes of `file` (or of `stdin` for `-`), refusing inputs past `limit`. */
export async function readInput(file: string, stdin: AsyncIterable<Uint8Array | string> = process.stdin, limit = MAX_INPUT_BYTES): Promise<Uint8Array> {
  if (file === '-') return collect(file, stdin, limit);
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (info.size > limit) throw tooLarge(file, limit);
    // Still counted while read: special files report size 0, and a file may grow.
    return await collect(file, createReadStream(file, { highWaterMark: 1 << 20 }), limit);
  } catch (e) {
    throw explain(file, e);
  }
}
