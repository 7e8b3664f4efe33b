/**
 * An import failure that says what went wrong and where: the file, then a line (text formats) or a
 * JSON path (JSON formats), then what was expected. Importers throw it; callers print `message`.
 */
export interface ImportLocation {
  /** File name or feed URL as the user gave it. */
  file: string;
  /** 1-based line number in a text file. */
  line?: number;
  /** JSON path such as `$[3].timeline[0].date`. */
  path?: string;
}

export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly file: string;
  readonly line: number | undefined;
  readonly path: string | undefined;
  /** The bare problem, without the location prefix. */
  readonly problem: string;

  constructor(where: ImportLocation, problem: string) {
    super(`${formatLocation(where)}: ${problem}`);
    this.file = where.file;
    this.line = where.line;
    this.path = where.path;
    this.problem = problem;
  }
}

export function formatLocation(where: ImportLocation): string {
  let s = where.file;
  if (where.line !== undefined) s += `:${where.line}`;
  if (where.path !== undefined) s += ` at ${where.path}`;
  return s;
}

/** `$`, `$.a`, `$[3]`, `$["odd key"]` */
export function jsonPath(segments: readonly (string | number)[]): string {
  let s = '$';
  for (const seg of segments) {
    if (typeof seg === 'number') s += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(seg)) s += `.${seg}`;
    else s += `[${JSON.stringify(seg)}]`;
  }
  return s;
}
