#!/usr/bin/env node
// The `storylens` command. The code lives in dist/cli, made by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/cli/storylens.js', import.meta.url));
if (!existsSync(built)) {
  process.stderr.write('storylens: the command is not built yet; run `npm run build` in the repository first\n');
  process.exit(2);
}
// A closed pipe (`storylens import … | head`) ends the command quietly, as Unix tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});
const { main } = await import(built);
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
