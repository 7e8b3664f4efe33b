/**
 * Files the options page sends in parts (`upload.part`): kept in memory until previewed and
 * imported, then decoded the one way every import is (strict UTF-8, a BOM dropped, the importers'
 * errors naming the file: core/story/import.ts `decodeText`). Bounded: at most 64 MiB a file, the
 * parts in order, and the last two files only (a preview and the one before it); a restarted
 * background has none, and says so.
 */
import { ImportError } from '../core/story/errors';
import { decodeText, MAX_INPUT_BYTES } from '../core/story/import';

/** A preview being confirmed, and one more: a second options tab does not take the first one's file. */
const KEPT = 2;

export class Uploads {
  private readonly files = new Map<string, { parts: Uint8Array[]; size: number }>();

  /** Adds part `index` of upload `id` (base64); returns the bytes received so far. */
  add(id: string, index: number, base64: string): number {
    let file = this.files.get(id);
    if (index === 0) {
      file = { parts: [], size: 0 };
      this.files.delete(id);
      this.files.set(id, file);
      for (const old of [...this.files.keys()].slice(0, -KEPT)) this.files.delete(old);
    }
    if (!file || file.parts.length !== index) throw new Error(`upload ${id}: part ${index} arrived out of order; choose the file again`);
    const bytes = fromBase64(base64);
    if (file.size + bytes.length > MAX_INPUT_BYTES) {
      this.files.delete(id);
      throw new ImportError({ file: 'the upload' }, `the file is over ${MAX_INPUT_BYTES.toLocaleString('en-US')} bytes, the limit`);
    }
    file.parts.push(bytes);
    file.size += bytes.length;
    return file.size;
  }

  /** The upload's text, decoded strictly (the errors name the file `name`). */
  text(id: string, name: string): string {
    const file = this.files.get(id);
    if (!file) throw new ImportError({ file: name }, 'the file is no longer here (the background restarted since it was chosen); choose it again');
    const all = new Uint8Array(file.size);
    let at = 0;
    for (const part of file.parts) {
      all.set(part, at);
      at += part.length;
    }
    return decodeText(all, name);
  }

  drop(id: string): void {
    this.files.delete(id);
  }
}

function fromBase64(base64: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    throw new Error('an upload part is not base64');
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
