/**
 * When a plaintext ledger is encrypted, its automatic backups (backups/ beside it) would still hold
 * every ID number in plaintext. Each plaintext one is rekeyed in place (a backup is a single file in
 * rollback-journal mode, so no WAL to fold back) and checked: no plaintext header, no 17-digit run.
 * Files the user copied elsewhere cannot be reached; the README says so.
 */
import Database from 'better-sqlite3';
import { listRotation } from './backup.ts';
import { isPlaintextFile } from './cipher.ts';
import { assertNoPlaintext } from './encrypt.ts';
import { refreshManifest } from './backup-manifest.ts';

export function encryptRotationInPlace(dbPath: string, key: string): string[] {
  const done: string[] = [];
  for (const e of listRotation(dbPath)) {
    if (!isPlaintextFile(e.path)) continue;
    const db = new Database(e.path, { fileMustExist: true });
    try {
      db.pragma('journal_mode = DELETE');
      db.pragma(`hexrekey='${Buffer.from(key, 'utf8').toString('hex')}'`);
    } finally {
      db.close();
    }
    assertNoPlaintext(e.path);
    refreshManifest(e.path, true);
    done.push(e.path);
  }
  return done;
}
