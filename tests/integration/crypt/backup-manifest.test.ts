/**
 * Backup manifests (#24): every backup (manual and automatic) gets a manifest beside it that says,
 * without the key, when it was taken, by which version, its counts and audit head; the `backups`
 * CLI and `system:describeBackup` read it; it carries no ID number; pruning removes it with its backup.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pkg from '../../../package.json' with { type: 'json' };
import { setLedgerKey } from '../../../electron/db/cipher.ts';
import { listRotation, pruneRotation, rotateBackup } from '../../../electron/db/backup.ts';
import { manifestPathFor } from '../../../electron/db/backup-manifest.ts';
import { findDigitRun } from '../../../electron/db/encrypt.ts';
import { runCli } from '../../../electron/cli/main.ts';
import type { Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';

const KEY = 'manifest-test-key';
let t: TempDir;
let s: Session;

beforeEach(() => {
  t = tempDir('ledger-manifest-');
  setLedgerKey(KEY);
  s = demoSession(t.path('ledger.db'));
});

afterEach(async () => {
  await s.close();
  setLedgerKey(null);
  t.remove();
});

async function cli(args: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const code = await runCli(args, { out: (x) => lines.push(x), err: (x) => lines.push(x) });
  return { code, out: lines.join('\n') };
}

describe('backup manifest', () => {
  it('describes an encrypted manual backup without the key, and holds no ID number', async () => {
    const households = (s.ctx.db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;
    const head = s.ctx.db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
    const r = await s.call('system:backup', { path: t.path('usb/备份.db') });
    const raw = readFileSync(manifestPathFor(t.path('usb/备份.db')));
    expect(findDigitRun(raw)).toBe(-1);

    setLedgerKey(null);
    const d = await s.call('system:describeBackup', { path: t.path('usb/备份.db') });
    expect(d.problem).toBeNull();
    expect(d.manifest).toMatchObject({ appVersion: pkg.version, encrypted: true, bytes: r?.bytes, schemaVersion: r?.schemaVersion, auditHead: head });
    expect(d.manifest?.counts.households).toBe(households);
    expect(d.manifest?.counts.members).toBeGreaterThan(households);

    const c = await cli(['backups', '--file', t.path('usb/备份.db')]);
    expect(c.code).toBe(0);
    expect(c.out).toContain(`${households} 户`);
    expect(c.out).toContain('已加密');
  });

  it('lists automatic backups with their manifests and removes a manifest with its pruned backup', async () => {
    await rotateBackup(s.ctx.db, t.path('ledger.db'), 'import');
    await rotateBackup(s.ctx.db, t.path('ledger.db'), 'undo');
    const info = await s.call('system:info', {});
    expect(info.backups).toHaveLength(2);
    for (const b of info.backups) expect(b.described).toMatchObject({ problem: null, manifest: { encrypted: true } });
    const c = await cli(['backups', '--db', t.path('ledger.db'), '--json']);
    expect(JSON.parse(c.out)).toHaveLength(2);

    const oldest = listRotation(t.path('ledger.db'))[1]?.path ?? '';
    expect(pruneRotation(t.path('ledger.db'), 1)).toEqual([oldest]);
    expect(existsSync(manifestPathFor(oldest))).toBe(false);
  });

  it('says so when a manifest is missing, damaged or belongs to another file', async () => {
    await s.call('system:backup', { path: t.path('a.db') });
    writeFileSync(t.path('a.db'), Buffer.concat([readFileSync(t.path('a.db')), Buffer.alloc(4096)]));
    expect((await s.call('system:describeBackup', { path: t.path('a.db') })).problem).toContain('大小与说明文件不符');
    writeFileSync(manifestPathFor(t.path('a.db')), '{not json');
    expect((await s.call('system:describeBackup', { path: t.path('a.db') })).problem).toContain('已损坏');
    expect((await s.call('system:describeBackup', { path: t.path('none.db') })).problem).toContain('没有说明文件');
  });
});
