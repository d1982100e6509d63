/**
 * The automatic backups around imports (db/backup-policy.ts): the day's first import takes one
 * verified copy of the state just before it ('daily'); later imports and undos that day take none —
 * each batch's undo data is in the audit log, and the undo restores exactly. The next day's first
 * import takes a new one. Restoring the daily backup is exactly the ledger without the import.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFileFailure } from '../../../shared/api/import.ts';
import { listRotation } from '../../../electron/db/backup.ts';
import { backupBeforeWrite } from '../../../electron/db/backup-policy.ts';
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

async function importFile(file: string): Promise<number> {
  const { jobId } = await s.call('import:commit', { paths: [file] });
  const [outcome] = await s.call('import:result', { jobId });
  if (!outcome || isFileFailure(outcome) || outcome.batchId === null) throw new Error(`import failed: ${JSON.stringify(outcome)}`);
  return outcome.batchId;
}

describe('automatic backups around imports', () => {
  it('one backup a day before the first import; undo data per batch instead of a copy per import', async () => {
    const before = countsOf(s.ctx.db);
    const file = t.path('郭城驿镇.xlsx');
    await writeTownshipWorkbook(file, 30);
    const batch = await importFile(file);
    const afterImport = countsOf(s.ctx.db);
    expect(afterImport.households).toBe(before.households + 30);

    const [daily, ...others] = listRotation(t.path('ledger.db'));
    expect(others).toEqual([]);
    expect(daily?.reason).toBe('daily');
    expect(countsOfFile(daily?.path ?? '')).toEqual(before);

    // A second import and the undo of the first, the same day: no further full copy.
    const second = t.path('第二个乡镇.xlsx');
    await writeTownshipWorkbook(second, 10, { codePrefix: '6204221020', addressCode: '620403' });
    const batch2 = await importFile(second);
    await s.call('import:undo', { batchId: batch2 });
    await s.call('import:undo', { batchId: batch });
    expect(listRotation(t.path('ledger.db')).map((r) => r.reason)).toEqual(['daily']);
    // The undos restored exactly: the ledger is as before both imports.
    const afterUndo = countsOf(s.ctx.db);
    expect({ ...afterUndo, audit_log: 0, import_batches: 0 }).toEqual({ ...before, audit_log: 0, import_batches: 0 });

    // Restoring the daily backup gives exactly the ledger before the day's imports; the audit log
    // keeps every entry made since and adds the restore's own.
    const entriesBeforeRestore = afterUndo.audit_log;
    await s.call('system:restore', { path: daily?.path ?? '' });
    expect(countsOf(s.ctx.db)).toEqual({ ...before, audit_log: entriesBeforeRestore + 1 });
    expect((await s.call('audit:verify', {})).ok).toBe(true);
  }, 300_000);

  it('takes a new daily backup the next day, and always copies before leaving the demo', async () => {
    const dbPath = t.path('ledger.db');
    const today = listRotation(dbPath).length;
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    const next = await backupBeforeWrite(s.ctx.db, dbPath, 'import', tomorrow);
    expect(listRotation(dbPath)).toHaveLength(today + 1);
    expect(listRotation(dbPath)[0]?.path).toBe(next);
    await backupBeforeWrite(s.ctx.db, dbPath, 'undo');
    expect(listRotation(dbPath)).toHaveLength(today + 1);
    await backupBeforeWrite(s.ctx.db, dbPath, 'clear-demo');
    expect(listRotation(dbPath).map((r) => r.reason)).toContain('clear-demo');
    expect((await s.call('system:info', {})).backupBytes).toBe(listRotation(dbPath).reduce((n, r) => n + r.bytes, 0));
  }, 120_000);
});
