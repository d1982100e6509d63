/**
 * The key store and the recovery key (#24), through the plain-file key store the app's safeStorage
 * one shares its logic with: first start makes a key and an encrypted ledger; an older plaintext
 * ledger and its automatic backups are encrypted at start with stats identical; on a fresh profile
 * the ledger needs the recovery key, a mistyped or foreign one is refused clearly, and the right one
 * (also as `--recovery-key-file`) opens it. The recovery key is shown until confirmed, then never.
 */
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDirFor, rotateBackupSync } from '../../../electron/db/backup.ts';
import { currentLedgerKey, isPlaintextFile, setLedgerKey } from '../../../electron/db/cipher.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import { findDigitRun } from '../../../electron/db/encrypt.ts';
import { adoptRecoveryKey, ensureLedgerKey, fileKeyStore } from '../../../electron/db/key-store.ts';
import { formatRecoveryKey, generateLedgerKey, parseRecoveryKey } from '../../../electron/db/recovery-key.ts';
import { openSession } from '../../../electron/services/session.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';

let t: TempDir;

beforeAll(() => {
  t = tempDir('ledger-recovery-');
});

afterAll(() => {
  setLedgerKey(null);
  t.remove();
});

describe('recovery key format', () => {
  it('reads back what it prints, forgiving case, spacing and look-alike characters, and catches a typo', () => {
    const key = generateLedgerKey();
    const printed = formatRecoveryKey(key);
    expect(printed).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){8}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(printed)).toBe(key);
    const sloppy = printed.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
    expect(parseRecoveryKey(`恢复密钥\n${sloppy}\n台账文件：x`)).toBe(key);
    const first = printed[0] === 'A' ? 'B' : 'A';
    expect(() => parseRecoveryKey(first + printed.slice(1))).toThrow(/恢复密钥校验不符/);
    expect(() => parseRecoveryKey('1234-5678')).toThrow(/没有找到恢复密钥.*共 36 位/);
  });
});

describe('key store and recovery', () => {
  it('first start: makes and stores a key, and the new ledger is encrypted', () => {
    const store = fileKeyStore(t.path('profileA/ledger.key'));
    const ready = ensureLedgerKey(store, t.path('new.db'), '测试员');
    expect(ready).toMatchObject({ createdKey: true, encrypted: null });
    expect(store.read()).toBe(ready.key);
    setLedgerKey(ready.key);
    makeDemoDb(t.path('new.db'), 'small');
    expect(isPlaintextFile(t.path('new.db'))).toBe(false);
    expect(findDigitRun(readFileSync(t.path('new.db')))).toBe(-1);
    // A second start finds the key and changes nothing.
    expect(ensureLedgerKey(store, t.path('new.db'), '测试员')).toMatchObject({ key: ready.key, createdKey: false, encrypted: null });
  });

  it('encrypts an older plaintext ledger and its automatic backups at start, stats identical, audited', async () => {
    setLedgerKey(null);
    const db = makeDemoDb(t.path('old.db'), 'small', 3);
    const conn = openDatabase(db);
    rotateBackupSync(conn, db, 'before-upgrade');
    conn.close();
    const before = runCliProcess(['stats', '--db', db, '--json']).stdout;
    const store = fileKeyStore(t.path('profileB/ledger.key'));
    const ready = ensureLedgerKey(store, db, '测试员');
    expect(ready.encrypted?.plaintextCopy).toMatch(/明文备份/);
    expect(ready.encryptedBackups).toHaveLength(1);
    for (const f of [db, ...readdirSync(backupDirFor(db)).map((n) => `${backupDirFor(db)}/${n}`)]) {
      expect(isPlaintextFile(f)).toBe(false);
      expect(findDigitRun(readFileSync(f))).toBe(-1);
    }
    const after = runCliProcess(['stats', '--db', db, '--json', '--key-file', t.path('profileB/ledger.key')]);
    expect(after.stdout).toBe(before);
    setLedgerKey(ready.key);
    const s = openSession(db, { operator: '测试员' });
    try {
      expect(await s.call('audit:verify', {})).toMatchObject({ ok: true });
      expect((await s.call('audit:list', { action: 'crypt:encrypt' })).total).toBe(1);
      const status = await s.call('crypt:status', {});
      expect(status).toMatchObject({ encrypted: true, recoveryKey: formatRecoveryKey(ready.key), plaintextCopy: ready.encrypted?.plaintextCopy });
      const saved = await s.call('crypt:saveRecoveryKey', { path: t.path('sheet.txt') });
      expect(readFileSync(saved?.path ?? '', 'utf8')).toContain(formatRecoveryKey(ready.key));
      await s.call('crypt:confirmRecoveryKey', {});
      expect((await s.call('crypt:status', {})).recoveryKey).toBeNull();
      await expect(s.call('crypt:saveRecoveryKey', { path: t.path('again.txt') })).rejects.toThrow(/只在设置时显示/);
      expect((await s.call('audit:list', { action: 'crypt:recovery-key-confirmed' })).total).toBe(1);
    } finally {
      await s.close();
    }
  });

  it('on a fresh profile needs the recovery key, refuses a wrong one, and opens with the right one', () => {
    const key = currentLedgerKey() ?? '';
    const db = t.path('old.db');
    copyFileSync(db, t.path('otherPC.db'));
    setLedgerKey(null);
    const fresh = fileKeyStore(t.path('profileC/ledger.key'));
    expect(() => ensureLedgerKey(fresh, db, '测试员')).toThrow(/此台账已加密，需要密钥.*恢复密钥/);
    expect(fresh.read()).toBeNull();
    const sheet = readFileSync(t.path('sheet.txt'), 'utf8');
    const foreign = formatRecoveryKey(generateLedgerKey());
    expect(() => adoptRecoveryKey(fresh, db, foreign, '新电脑')).toThrow(/密钥不正确/);
    expect(fresh.read()).toBeNull();
    expect(adoptRecoveryKey(fresh, db, sheet, '新电脑')).toBe(key);
    expect(fresh.read()).toBe(key);

    writeFileSync(t.path('typed.txt'), formatRecoveryKey(key).toLowerCase().replace(/-/g, ' '));
    const cli = runCliProcess(['audit', '--db', t.path('otherPC.db'), '--json', '--limit', '1', '--recovery-key-file', t.path('typed.txt')]);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    const wrong = t.path('wrong.txt');
    writeFileSync(wrong, foreign);
    const refused = runCliProcess(['stats', '--db', t.path('otherPC.db'), '--recovery-key-file', wrong]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/密钥不正确/);
  });
});
