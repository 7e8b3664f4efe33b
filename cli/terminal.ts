/**
 * Story text made safe to print on a terminal. Stories come from files and feeds anyone can write:
 * a control character would let one clear lines, retitle the window, or plant a hyperlink (OSC 8)
 * in the reader's terminal, and a bidi override would reverse the text printed after it.
 *
 * - C0 controls (but tab and newline), DEL and C1 controls are shown as U+FFFD: with ESC and CSI
 *   gone, whatever followed them is inert text.
 * - Bidi embeddings, overrides and isolates are kept (they may be the text's own) but each string
 *   is closed off: the ones it opens are closed at its end, and a close without an open is dropped,
 *   so nothing it does reaches past it.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const OPEN_EMBEDDING = new Set(['\u202a', '\u202b', '\u202d', '\u202e']);
const POP_EMBEDDING = '\u202c';
const OPEN_ISOLATE = new Set(['\u2066', '\u2067', '\u2068']);
const POP_ISOLATE = '\u2069';
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

/** One string, safe to print. */
export function terminalText(text: string): string {
  return closeBidi(text.replace(CONTROL, '\ufffd'));
}

/**
 * Closes the bidi embeddings, overrides and isolates `text` opens, and drops closes without an
 * open. Terminals that reorder text do it per line, so a laid-out line is closed again on its own
 * (a field wrapped over several lines).
 */
export function closeBidi(plain: string): string {
  if (!BIDI.test(plain)) return plain;
  // Per UAX #9: a PDI closes every embedding opened after its isolate, and the isolate.
  const open: string[] = [];
  let out = '';
  for (const ch of plain) {
    if (OPEN_EMBEDDING.has(ch) || OPEN_ISOLATE.has(ch)) {
      open.push(ch);
      out += ch;
    } else if (ch === POP_EMBEDDING) {
      if (open.length && OPEN_EMBEDDING.has(open.at(-1)!)) {
        open.pop();
        out += ch;
      }
    } else if (ch === POP_ISOLATE) {
      const at = open.findLastIndex((o) => OPEN_ISOLATE.has(o));
      if (at >= 0) {
        for (let i = open.length - 1; i > at; i--) out += POP_EMBEDDING;
        open.length = at;
        out += ch;
      }
    } else out += ch;
  }
  for (let i = open.length - 1; i >= 0; i--) out += OPEN_ISOLATE.has(open[i]!) ? POP_ISOLATE : POP_EMBEDDING;
  return out;
}

/** A value with every string in it made safe to print (stories are plain JSON data). */
export function terminalSafe<T>(value: T): T {
  if (typeof value === 'string') return terminalText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => terminalSafe(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, terminalSafe(v)])) as T;
  }
  return value;
}
