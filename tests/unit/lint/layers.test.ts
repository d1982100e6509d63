/** The layer rules of ARCHITECTURE.md, as enforced by eslint.config.js, on small snippets. */
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: join(import.meta.dirname, '..', '..', '..') });

async function restricted(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

// Loading the config and its plugins takes seconds on a busy machine; do it once, outside the tests.
beforeAll(async () => {
  await eslint.lintText('export {};\n', { filePath: 'shared/x.ts' });
}, 60_000);

describe('layer rules', { timeout: 30_000 }, () => {
  it('keep shared/ pure', async () => {
    await expect(restricted('shared/api/x.ts', "import fs from 'node:fs';\nexport default fs;\n")).resolves.toHaveLength(1);
    await expect(restricted('shared/x.ts', "import path from 'path';\nexport default path;\n")).resolves.toHaveLength(1);
    await expect(restricted('shared/x.ts', "import { app } from 'electron';\nexport default app;\n")).resolves.toHaveLength(1);
    await expect(restricted('shared/x.ts', "import { ref } from 'vue';\nexport default ref;\n")).resolves.toHaveLength(1);
    await expect(restricted('shared/x.ts', "import * as e from 'echarts/core';\nexport default e;\n")).resolves.toHaveLength(1);
    await expect(restricted('shared/api/x.ts', "import { a } from '../../electron/db/meta.ts';\nexport default a;\n")).resolves.toHaveLength(1);
    await expect(restricted('shared/x.ts', "import { a } from '../renderer/src/format.ts';\nexport default a;\n")).resolves.toHaveLength(1);
  });

  it('let shared/ import shared/ and zod', async () => {
    const ok = "import { z } from 'zod';\nimport { formatInt } from '../domain/format.ts';\nexport default [z, formatInt];\n";
    await expect(restricted('shared/api/x.ts', ok)).resolves.toEqual([]);
  });

  it('keep the renderer away from electron and node', async () => {
    await expect(restricted('renderer/src/views/X.ts', "import { ipcRenderer } from 'electron';\nexport default ipcRenderer;\n")).resolves.toHaveLength(1);
    await expect(restricted('renderer/src/views/X.ts', "import { a } from '../../../electron/services/session.ts';\nexport default a;\n")).resolves.toHaveLength(1);
    await expect(restricted('renderer/src/views/X.ts', "import fs from 'node:fs';\nexport default fs;\n")).resolves.toHaveLength(1);
    await expect(restricted('renderer/src/views/X.ts', "import { formatInt } from '../../../shared/domain/format.ts';\nexport default formatInt;\n")).resolves.toEqual([]);
  });

  it('limit the preload to electron and shared/', async () => {
    await expect(restricted('electron/preload/index.ts', "import { a } from '../services/session.ts';\nexport default a;\n")).resolves.toHaveLength(1);
    await expect(restricted('electron/preload/index.ts', "import fs from 'node:fs';\nexport default fs;\n")).resolves.toHaveLength(1);
    const ok = "import { contextBridge } from 'electron';\nimport { EVENT_NAMES } from '../../shared/events.ts';\nexport default [contextBridge, EVENT_NAMES];\n";
    await expect(restricted('electron/preload/index.ts', ok)).resolves.toEqual([]);
  });

  it('keep electron out of the services', async () => {
    await expect(restricted('electron/services/x.ts', "import { app } from 'electron';\nexport default app;\n")).resolves.toHaveLength(1);
    await expect(restricted('electron/main/x.ts', "import { app } from 'electron';\nexport default app;\n")).resolves.toEqual([]);
  });

  it('send imports down the layers inside electron/', async () => {
    const up = (file: string, spec: string) => restricted(file, `import { a } from '${spec}';\nexport default a;\n`);
    // Each layer refused one step up (or sideways) ...
    await expect(up('electron/db/queries/x.ts', '../../services/context.ts')).resolves.toHaveLength(1);
    await expect(up('electron/db/x.ts', '../import/limits.ts')).resolves.toHaveLength(1);
    await expect(up('electron/analysis/x.ts', '../export/form.ts')).resolves.toHaveLength(1);
    await expect(up('electron/import/check/x.ts', '../../export/form.ts')).resolves.toHaveLength(1);
    await expect(up('electron/demo/x.ts', '../import/limits.ts')).resolves.toHaveLength(1);
    await expect(up('electron/export/x.ts', '../services/ledger.ts')).resolves.toHaveLength(1);
    await expect(up('electron/report/x.ts', '../services/ledger.ts')).resolves.toHaveLength(1);
    await expect(up('electron/report/charts.ts', '../services/ledger.ts')).resolves.toHaveLength(1);
    await expect(up('electron/checks/x.ts', '../services/ledger.ts')).resolves.toHaveLength(1);
    await expect(up('electron/checks/x.ts', '../analysis/stats.ts')).resolves.toHaveLength(1);
    await expect(up('electron/services/x.ts', '../cli/command.ts')).resolves.toHaveLength(1);
    await expect(up('electron/services/x.ts', '../main/platform.ts')).resolves.toHaveLength(1);
    await expect(up('electron/cli/commands/x.ts', '../../main/platform.ts')).resolves.toHaveLength(1);
    // campaign and cases sit beside analysis and export: db and shared only.
    await expect(up('electron/campaign/x.ts', '../services/ledger.ts')).resolves.toHaveLength(1);
    await expect(up('electron/cases/x.ts', '../export/form.ts')).resolves.toHaveLength(1);
    await expect(up('electron/cases/x.ts', '../campaign/board.ts')).resolves.toHaveLength(1);
    await expect(up('electron/analysis/x.ts', '../cases/read.ts')).resolves.toHaveLength(1);
    // ... and allowed downwards, within its own folder, and to shared/.
    await expect(up('electron/db/queries/x.ts', '../types.ts')).resolves.toEqual([]);
    await expect(up('electron/db/x.ts', '../../shared/errors.ts')).resolves.toEqual([]);
    await expect(up('electron/import/check/x.ts', '../write/writer.ts')).resolves.toEqual([]);
    await expect(up('electron/export/x.ts', '../analysis/stats.ts')).resolves.toEqual([]);
    await expect(up('electron/export/x.ts', '../analysis/ledger-lists.ts')).resolves.toEqual([]);
    await expect(up('electron/services/x.ts', '../import/limits.ts')).resolves.toEqual([]);
    await expect(up('electron/checks/x.ts', '../db/types.ts')).resolves.toEqual([]);
    await expect(up('electron/services/x.ts', '../checks/run.ts')).resolves.toEqual([]);
    await expect(up('electron/cases/x.ts', '../db/audit.ts')).resolves.toEqual([]);
    await expect(up('electron/services/x.ts', '../cases/read.ts')).resolves.toEqual([]);
    await expect(up('electron/cli/commands/x.ts', '../../services/index.ts')).resolves.toEqual([]);
    await expect(restricted('electron/main/x.ts', "import { app } from 'electron';\nimport { a } from '../services/index.ts';\nexport default [app, a];\n")).resolves.toEqual([]);
  });
});
