/**
 * Where a `*.worker.ts` entry lives: in the built app every worker is bundled to a sibling
 * `<name>.cjs` of out/main/index.cjs (scripts/bundle-options.ts); from source (tests, CLI) the .ts
 * file next to the calling module runs directly, Node stripping its types.
 * `base` is the caller's `import.meta.url` (empty in the CJS bundle, where __filename is set instead).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function workerEntry(name: string, base: string): string | URL {
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) return join(__dirname, `${name}.cjs`);
  const url = new URL(`./${name}.ts`, base);
  return existsSync(url) ? url : new URL(`./${name}.cjs`, base);
}
