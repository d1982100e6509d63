/**
 * esbuild settings for what Electron's Node runs (main, workers, preload), shared by the build
 * script and the test that loads the built main bundle.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { BuildOptions } from 'esbuild';

/** Native or heavy modules stay in node_modules (better-sqlite3 loads a .node file next to itself). */
export const EXTERNAL = ['electron', 'better-sqlite3', 'exceljs'];

/** Every `*.worker.ts` under `dir`, keyed by output name (`import.worker` → out/main/import.worker.cjs). */
export function workerEntries(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!rel.endsWith('.worker.ts')) continue;
    const name = basename(rel, '.ts');
    if (entries[name]) throw new Error(`two worker files share the name ${name}: ${entries[name]} and ${rel}`);
    entries[name] = join(dir, rel);
  }
  return entries;
}

export function nodeBundle(entryPoints: Record<string, string>, outdir: string): BuildOptions {
  return {
    entryPoints,
    outdir,
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: EXTERNAL,
    sourcemap: false,
    logLevel: 'warning',
    legalComments: 'none',
  };
}

/** out/main (main + workers) and out/preload, for the repository at `root` built into `out`. */
export function electronBundles(root: string, out: string): BuildOptions[] {
  return [
    nodeBundle({ index: join(root, 'electron/main/index.ts'), ...workerEntries(join(root, 'electron')) }, join(out, 'main')),
    // The sandboxed preload can require only electron, so everything else is bundled in.
    nodeBundle({ index: join(root, 'electron/preload/index.ts') }, join(out, 'preload')),
  ];
}
