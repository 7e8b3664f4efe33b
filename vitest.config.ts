import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    // A timeout here only catches a hang; speed is shown by the benchmarks. Several tests do real work
    // over the dev data (thousands of stories, random soaks) that takes 1–3 s alone and 5–7 s on a
    // machine busy with other builds, which the 5 s default turned into failures.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'artifacts/results/unit.json' },
  },
});
