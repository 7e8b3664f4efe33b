#!/usr/bin/env node
// The `storylens` command. The code lives in dist/cli, made by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/storylens.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('storylens: the command is not built yet; run `npm run build` in the repository first\n');
  process.exit(2);
}
const { main } = await import(built);
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
