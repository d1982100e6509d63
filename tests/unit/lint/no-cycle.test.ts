/**
 * The no-cycle rule of eslint.config.js on real files: import-x follows the import graph on disk, so
 * the pairs are written into a scratch folder inside the repository (where the project's config
 * applies) and removed afterwards.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const eslint = new ESLint({ cwd: root });
// Under electron/db/ so the layer rules hold too: only the cycle rule can fire.
const base = join(root, 'electron', 'db');
let scratch = '';

async function cycles(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(scratch, 'case-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const results = await eslint.lintFiles(Object.keys(files).map((f) => join(dir, f)));
  return results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'import-x/no-cycle').map((m) => `${r.filePath.slice(dir.length + 1)}: ${m.message}`));
}

beforeAll(() => {
  mkdirSync(base, { recursive: true });
  scratch = mkdtempSync(join(base, 'cycle-scratch-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('no-cycle rule', { timeout: 60_000 }, () => {
  it('fails on two files importing each other', async () => {
    const found = await cycles({
      'a.ts': "import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n",
      'b.ts': "import { a } from './a.ts';\nexport const b = (): number => (a ? 1 : 0);\n",
    });
    expect(found.sort()).toEqual(['a.ts: Dependency cycle detected', 'b.ts: Dependency cycle detected']);
  });

  it('fails on a longer cycle, reported on every file in it', async () => {
    const found = await cycles({
      'a.ts': "import { b } from './b.ts';\nexport const a = (): number => b();\n",
      'b.ts': "import { c } from './c.ts';\nexport const b = (): number => c();\n",
      'c.ts': "import { a } from './a.ts';\nexport const c = (): number => (a ? 1 : 0);\n",
    });
    expect(found.map((f) => f.split(':')[0]).sort()).toEqual(['a.ts', 'b.ts', 'c.ts']);
  });

  it('passes a one-way import and a type-only import back', async () => {
    await expect(cycles({
      'a.ts': "import { b } from './b.ts';\nexport interface A { n: number }\nexport const a = (): number => b();\n",
      'b.ts': "import type { A } from './a.ts';\nexport const b = (x: A = { n: 1 }): number => x.n;\n",
    })).resolves.toEqual([]);
  });
});
