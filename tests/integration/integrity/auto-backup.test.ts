/**
 * The automatic backups the import service takes through `ctx.beforeWrite`: one before a commit and
 * one before an undo, each a verified copy of the state just before that change — so restoring the
 * 'import' backup is exactly the ledger without the import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFileFailure } from '../../../shared/api/import.ts';
import { listRotation } from '../../../electron/db/backup.ts';
import type { Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';
import { countsOf, countsOfFile } from './helpers.ts';
import { writeTownshipWorkbook } from './workbooks.ts';

let t: TempDir;
let s: Session;

beforeAll(() => {
  t = tempDir('ledger-auto-backup-');
  s = demoSession(t.path('ledger.db'));
});

afterAll(async () => {
  await s?.close();
  t?.remove();
});

describe('automatic backups around imports', () => {
  it('backs up before an import commit and before an undo; the import backup is the state before it', async () => {
    const before = countsOf(s.ctx.db);
    const file = t.path('郭城驿镇.xlsx');
    await writeTownshipWorkbook(file, 30);
    const { jobId } = await s.call('import:commit', { paths: [file] });
    const [outcome] = await s.call('import:result', { jobId });
    if (!outcome || isFileFailure(outcome) || outcome.batchId === null) throw new Error(`import failed: ${JSON.stringify(outcome)}`);
    const afterImport = countsOf(s.ctx.db);
    expect(afterImport.households).toBe(before.households + 30);

    const [importBackup] = listRotation(t.path('ledger.db'));
    expect(importBackup?.reason).toBe('import');
    expect(countsOfFile(importBackup?.path ?? '')).toEqual(before);

    await s.call('import:undo', { batchId: outcome.batchId });
    const rotation = listRotation(t.path('ledger.db'));
    expect(rotation.map((r) => r.reason).slice(0, 2)).toEqual(['undo', 'import']);
    expect(countsOfFile(rotation[0]?.path ?? '')).toEqual(afterImport);

    // Restoring the pre-import backup gives exactly the ledger before the import; the audit log keeps
    // every entry made since (import, undo) and adds the restore's own.
    const entriesBeforeRestore = countsOf(s.ctx.db).audit_log;
    await s.call('system:restore', { path: importBackup?.path ?? '' });
    expect(countsOf(s.ctx.db)).toEqual({ ...before, audit_log: entriesBeforeRestore + 1 });
    expect((await s.call('audit:verify', {})).ok).toBe(true);
  }, 300_000);
});
