/**
 * Builds dist/e2e-firefox (the Firefox build with test hooks) once before the e2e run. dist/chrome is
 * not rebuilt here: `npm test` builds it (npm run build) before `npm run test:e2e`.
 */
import { execFileSync } from 'node:child_process';
import { ROOT } from './env';

export default function setup(): void {
  const started = Date.now();
  try {
    execFileSync('npx', ['vite', 'build', '--mode', 'e2e-firefox', '--logLevel', 'warn'], {
      cwd: ROOT,
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    });
  } catch (e) {
    const error = e as Error & { stdout?: Buffer; stderr?: Buffer };
    throw new Error(`e2e global setup: \`vite build --mode e2e-firefox\` failed:\n${error.stdout?.toString() ?? ''}${error.stderr?.toString() ?? error.message}`);
  }
  console.log(`e2e global setup: built dist/e2e-firefox in ${Date.now() - started} ms`);
}
