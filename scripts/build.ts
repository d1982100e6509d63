/**
 * Builds everything Electron loads: the renderer (vite) into out/renderer, and main, preload and
 * any `*.worker.ts` entry (esbuild, CJS for Electron's Node) into out/main and out/preload.
 * Usage: node scripts/build.ts [--watch]
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { build as viteBuild } from 'vite';
import { electronBundles } from './bundle-options.ts';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'out');
const watch = process.argv.includes('--watch');

async function buildNode(): Promise<void> {
  const targets = electronBundles(ROOT, OUT).map((t) => ({ ...t, logLevel: 'info' as const }));
  if (watch) {
    for (const t of targets) await (await esbuild.context(t)).watch();
    return;
  }
  await Promise.all(targets.map((t) => esbuild.build(t)));
}

async function buildRenderer(): Promise<void> {
  await viteBuild({ configFile: join(ROOT, 'renderer/vite.config.ts'), ...(watch ? { build: { watch: {} } } : {}) });
}

async function main(): Promise<void> {
  rmSync(join(OUT, 'main'), { recursive: true, force: true });
  rmSync(join(OUT, 'preload'), { recursive: true, force: true });
  await buildNode();
  await buildRenderer();
  if (!watch) console.log('built into out/ (main, preload, renderer)');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
