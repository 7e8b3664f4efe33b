/**
 * No import cycles in the source (src/, cli/): lint's `no-restricted-imports` zones (eslint.config.js)
 * keep each layer to the ones below it, and this check keeps modules within a layer from importing
 * each other in a circle. Static imports, re-exports and dynamic `import()` are followed; type-only
 * imports (`import type`, erased at build) are not: a cycle of values decides the order modules
 * initialise in, and breaks in ways a type cycle cannot.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers';

const ROOTS = ['src', 'cli'].map((r) => path.join(REPO, r));
const SOURCE = /\.(ts|tsx)$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return files(full);
    return SOURCE.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s(?!type\s)[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** The module files a source file imports by relative path (queries like `?script` dropped). */
export function relativeImports(file: string, text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = (m[1] ?? m[2] ?? '').split('?')[0]!;
    if (!spec.startsWith('.')) continue;
    const base = path.resolve(path.dirname(file), spec);
    const found = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((f) => {
      try {
        return statSync(f).isFile();
      } catch {
        return false;
      }
    });
    if (found) out.push(found);
  }
  return out;
}

/** Strongly connected components of more than one module (Tarjan), or a module importing itself. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('import cycles', () => {
  it('the check finds a cycle when there is one (and not otherwise)', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])).map((c) => c.sort())).toEqual([['a', 'b', 'c']]);
    expect(cycles(new Map([['a', ['b']], ['b', []]]))).toEqual([]);
    expect(cycles(new Map([['a', ['a']]]))).toEqual([['a']]);
    const here = path.join(REPO, 'src/x.ts');
    expect(relativeImports(here, `import type { A } from './core/story/model';\nimport { type B, c } from './messages';\nexport { b } from "./client";\nconst c = await import('./core/library');\nimport card from '../src/background/index?script';`).map((f) => path.relative(REPO, f))).toEqual([
      'src/messages.ts',
      'src/client.ts',
      'src/core/library/index.ts',
      'src/background/index.ts',
    ]);
  });

  it('src/ and cli/ have none', () => {
    const graph = new Map<string, string[]>();
    for (const root of ROOTS) for (const f of files(root)) graph.set(f, relativeImports(f, readFileSync(f, 'utf8')));
    expect(graph.size).toBeGreaterThan(100);
    expect(cycles(graph).map((c) => c.map((f) => path.relative(REPO, f)).sort())).toEqual([]);
  });
});
