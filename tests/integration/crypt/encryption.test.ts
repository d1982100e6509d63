/**
 * Encryption at rest (#24): a plaintext demo ledger is encrypted in place by the CLI, its stats stay
 * identical, and no 17-digit run (an ID number) is readable in the raw bytes of the database, its
 * WAL or any backup. A wrong key is refused with a Chinese message.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLedgerKey } from '../../../electron/db/cipher.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import { backupDirFor, backupTo, rotateBackupSync, verifyCopy } from '../../../electron/db/backup.ts';
import { findDigitRun } from '../../../electron/db/encrypt.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';

const KEY = 'correct horse 电池 staple';
let tmp: TempDir;
let db: string;
let keyFile: string;

function raw(path: string): Buffer {
  return readFileSync(path);
}

beforeAll(() => {
  tmp = tempDir('ledger-crypt-');
  db = makeDemoDb(tmp.path('ledger.db'), 'small', 7);
  keyFile = tmp.path('ledger.key');
  writeFileSync(keyFile, `${KEY}\n`);
});

afterAll(() => {
  setLedgerKey(null);
  tmp.remove();
});

describe('encryption at rest', () => {
  it('encrypts a plaintext ledger in place, keeps stats identical, leaves no ID digits in the file', () => {
    // The check can fail: the plaintext demo ledger does hold 17-digit runs.
    expect(findDigitRun(raw(db))).toBeGreaterThanOrEqual(0);
    const before = runCliProcess(['stats', '--db', db, '--json']);
    expect(before.code).toBe(0);

    const enc = runCliProcess(['encrypt', '--db', db, '--key-file', keyFile]);
    expect(enc.stderr).toBe('');
    expect(enc.code).toBe(0);
    expect(enc.stdout).toMatch(/核对一致/);
    const copy = readdirSync(tmp.dir).find((f) => f.includes('明文备份'));
    expect(copy).toBeDefined();
    expect(enc.stdout).toContain(copy);

    expect(findDigitRun(raw(db))).toBe(-1);
    expect(raw(db).subarray(0, 15).toString('latin1')).not.toBe('SQLite format 3');
    const after = runCliProcess(['stats', '--db', db, '--json', '--key-file', keyFile]);
    expect(after.code).toBe(0);
    expect(after.stdout).toBe(before.stdout);
  });

  it('refuses a wrong key and a missing key without changing the file', () => {
    const bytes = raw(db);
    const wrongKey = tmp.path('wrong.key');
    writeFileSync(wrongKey, 'not the key\n');
    const wrong = runCliProcess(['stats', '--db', db, '--key-file', wrongKey]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/无法解密数据库文件 .*密钥不正确/);
    const none = runCliProcess(['stats', '--db', db]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/此台账已加密，需要密钥/);
    expect(raw(db).equals(bytes)).toBe(true);
  });

  it('writes the WAL and every backup encrypted', async () => {
    setLedgerKey(KEY);
    const conn = openDatabase(db, { mustExist: true });
    try {
      conn.prepare("INSERT INTO settings (key, value) VALUES ('crypt-test', '620403198001011234')").run();
      expect(existsSync(`${db}-wal`)).toBe(true);
      expect(findDigitRun(raw(`${db}-wal`))).toBe(-1);
      const manual = tmp.path('manual-backup.db');
      await backupTo(conn, manual);
      const rotated = rotateBackupSync(conn, db, 'crypt-test');
      for (const p of [manual, rotated.path]) {
        expect(findDigitRun(raw(p))).toBe(-1);
        expect(verifyCopy(p, 'full').schemaVersion).toBeGreaterThan(0);
      }
      for (const f of readdirSync(backupDirFor(db))) expect(findDigitRun(raw(join(backupDirFor(db), f)))).toBe(-1);
    } finally {
      conn.close();
    }
  });
});
