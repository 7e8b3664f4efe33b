/**
 * The read of an import as the library service does it (parse + validate, before any merge), on the
 * 10,000 synthetic stories of bench:library: its CPU time, and the longest stretch of CPU time
 * between two pauses (what a ping to the worker would wait, free of the machine's load, which wall
 * times on a shared machine are not). CPU time is the process's: GC threads count too.
 * `node --import tsx bench/import-read.ts [ROOT...]` runs each checkout ROOT in turn (default this
 * one); a checkout whose importer has no steps (`importLibrarySteps`) reads at once, as it did.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import * as v from 'valibot';
import { exportLibrary } from '../src/core/library/import';
import { StorySchema } from '../src/core/story/model';
// The runner is this checkout's (the harness): what each checkout is measured on is its own read.
import { runStepsPaused } from '../src/core/text/steps';
import { loadSplit } from './eval-lib';
import { synthLibrary } from './synth';

interface Imported {
  stories: unknown[];
}
interface ImportModule {
  importLibraryText(text: string, file: string): Imported;
  importLibrarySteps?: (text: string, file: string) => Generator<void, Imported, void>;
}

const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
const real = [...loadSplit('uci').stories, ...loadSplit('kagi').stories];
const text = exportLibrary(synthLibrary(10_200, real).filter((s) => v.safeParse(StorySchema, s).success).slice(0, 10_000), []);
const roots = process.argv.length > 2 ? process.argv.slice(2) : [resolve(import.meta.dirname, '..')];
console.log(`import read, ${(text.length / 1e6).toFixed(1)} MB of JSON, load average ${loadavg().map((x) => x.toFixed(2)).join(', ')}`);
for (const root of roots) {
  const lib = (await import(resolve(root, 'src/core/library/import.ts'))) as ImportModule;
  const { pause } = (await import(resolve(root, 'src/background/pause.ts'))) as { pause: () => Promise<void> };
  let longest = 0;
  let pauses = 0;
  let last = process.cpuUsage();
  const timedPause = async () => {
    longest = Math.max(longest, cpuMs(process.cpuUsage(last)));
    pauses++;
    await pause();
    last = process.cpuUsage();
  };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const read = lib.importLibrarySteps ? await runStepsPaused(lib.importLibrarySteps(text, 'library.json'), timedPause) : lib.importLibraryText(text, 'library.json');
  longest = Math.max(longest, cpuMs(process.cpuUsage(last)));
  console.log(
    `  ${root.padEnd(24)} ${read.stories.length} stories: ${cpuMs(process.cpuUsage(c0)).toFixed(0).padStart(5)} ms CPU (wall ${(performance.now() - t0).toFixed(0).padStart(5)} ms), ${String(pauses).padStart(4)} pauses, longest stretch ${longest.toFixed(0).padStart(5)} ms CPU; load ${loadavg()[0]!.toFixed(2)}`,
  );
}
