/** Builds the `storylens` command (cli/main.ts) into dist/cli for Node.js; bin/storylens.js runs it. */
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'cli/main.ts',
    outDir: 'dist/cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    rolldownOptions: { output: { entryFileNames: 'storylens.js', format: 'es' } },
  },
  ssr: { noExternal: true },
});
