/**
 * Shared plumbing for the end-to-end tests: where things are, loud preconditions, temp dirs, polling.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const FIREFOX = '/usr/bin/firefox-esr';
export const CHROME_DIST = join(ROOT, 'dist/chrome');
export const FIREFOX_E2E_DIST = join(ROOT, 'dist/e2e-firefox');
export const ARTIFACTS = join(ROOT, 'artifacts/e2e');

/** Throws (never skips) when something the e2e tests need is missing. */
export function requireFile(path: string, fix: string): void {
  if (!existsSync(path)) throw new Error(`e2e precondition failed: ${path} is missing. ${fix}`);
}

/** An unpacked extension build must exist and have a manifest. */
export function requireExtension(dist: string, fix: string): void {
  requireFile(join(dist, 'manifest.json'), fix);
  if (!statSync(dist).isDirectory()) throw new Error(`e2e precondition failed: ${dist} is not a directory. ${fix}`);
}

export function makeTempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `storylens-e2e-${prefix}-`));
}

export function removeDir(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
}

/**
 * A private copy of an extension build. The browser reads extension files lazily, and other work
 * (a `vite build` with emptyOutDir) may rewrite dist/ while the tests run: the copy keeps the run
 * consistent.
 */
export function copyExtension(dist: string): string {
  const dir = makeTempDir('ext');
  cpSync(dist, dir, { recursive: true });
  return dir;
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

export const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/**
 * Calls `probe` until `done(value)` holds, then returns the value; throws `what` with the last
 * value seen on timeout.
 */
export async function poll<T>(probe: () => Promise<T>, done: (value: T) => boolean, what: string, { timeout = 10_000, interval = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (done(last)) return last;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const seen = lastError !== undefined ? `last error: ${lastError instanceof Error ? lastError.message : String(lastError)}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`timed out after ${timeout} ms waiting for ${what} (${seen})`);
    }
    await sleep(interval);
  }
}
