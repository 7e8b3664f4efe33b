// Prints "tests: N passed, N failed" (and skipped) summed over Vitest JSON reports in a folder.
// Exits non-zero when a report is missing, a test failed, or no test ran at all.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'artifacts/results';
let files = [];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.json'));
} catch {
  // reported below
}
if (files.length < 2) {
  console.error(`test-summary: expected the unit and e2e reports in ${dir}, found ${files.length}`);
  process.exit(1);
}
let passed = 0, failed = 0, skipped = 0;
for (const f of files) {
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (failed > 0 || passed === 0 || skipped > 0) process.exit(1);
