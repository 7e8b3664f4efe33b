// Store-ready zips of the built extension: dist/packages/storylens-{chrome,firefox}-VERSION.zip.
// Run after `npm run build`. Uses web-ext's packager (zips the directory as the stores expect).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
mkdirSync('dist/packages', { recursive: true });
for (const target of ['chrome', 'firefox']) {
  const dir = `dist/${target}`;
  if (!existsSync(`${dir}/manifest.json`)) {
    console.error(`package: ${dir} is not built; run "npm run build" first`);
    process.exit(1);
  }
  const out = `dist/packages/storylens-${target}-${version}.zip`;
  rmSync(out, { force: true });
  execFileSync('npx', ['web-ext', 'build', '--source-dir', dir, '--artifacts-dir', 'dist/packages', '--filename', `tmp-${target}.zip`, '--overwrite-dest'], { stdio: ['ignore', 'ignore', 'inherit'] });
  renameSync(`dist/packages/tmp-${target}.zip`, out);
  console.log(out);
}
