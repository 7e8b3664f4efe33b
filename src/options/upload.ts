/**
 * A file chosen on the options page, sent to the background in parts of `UPLOAD_PART_BYTES` bytes
 * (base64): no message comes near Chrome's 64 MiB limit, and the page never decodes the file — the
 * background decodes its bytes as every import does (strict UTF-8, the same errors as the CLI).
 */
import type { Send } from '../client';
import { UPLOAD_PART_BYTES, type Result } from '../messages';

/** Sends `file`; its upload id, for `upload.preview` and `upload.import`. */
export async function uploadFile(send: Send, file: Blob): Promise<Result<string>> {
  const id = crypto.randomUUID();
  // An empty file is one empty part: the background then says what an empty file is.
  for (let index = 0, at = 0; index === 0 || at < file.size; index++, at += UPLOAD_PART_BYTES) {
    const bytes = new Uint8Array(await file.slice(at, at + UPLOAD_PART_BYTES).arrayBuffer());
    const r = await send('upload.part', { id, index, bytes: toBase64(bytes) });
    if (!r.ok) return r;
  }
  return { ok: true, value: id };
}

/** Base64 of bytes, built in slices (String.fromCharCode takes a bounded number of arguments). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
