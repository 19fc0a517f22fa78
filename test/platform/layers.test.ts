import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The import graph of src/, read from the sources (static, type-only and dynamic imports alike).
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The src/ file a relative specifier names ('./x.js' is the source './x.ts'), or null for packages. */
function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec);
  const candidates = [base.replace(/\.js$/, '.ts'), `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((c) => c.endsWith('.ts') && existsSync(c)) ?? null;
}

function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = info.importedFiles.map((i) => resolve(file, i.fileName)).filter((t): t is string => t !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Every import circle, one per strongly connected component of more than one file (or a file importing itself). */
function circles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return found;
}

const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');

describe('layers of src/', () => {
  const graph = importGraph(SRC);

  it('reads the whole tree, type-only imports included (so the checks below cannot pass on an empty graph)', () => {
    expect(graph.size).toBeGreaterThan(200);
    expect([...graph.values()].flat().length).toBeGreaterThan(1000);
    const guards = graph.get(path.join(SRC, 'core/guards.ts'))?.map(rel);
    expect(guards).toEqual(expect.arrayContaining(['core/actor.ts', 'core/errors.ts']));
  });

  it('has no import circles', () => {
    const found = circles(graph).map((c) => c.map(rel).join(' ↔ '));
    expect(found, `import circles in src/:\n${found.join('\n')}`).toEqual([]);
  });

  it('core is the bottom layer: src/core imports only src/core (and packages)', () => {
    const outward = [...graph]
      .filter(([file]) => rel(file).startsWith('core/'))
      .flatMap(([file, targets]) =>
        targets.filter((t) => !rel(t).startsWith('core/')).map((t) => `${rel(file)} → ${rel(t)}`),
      )
      .sort();
    expect(outward, `core imports from outside core:\n${outward.join('\n')}`).toEqual([]);
  });
});
