/**
 * Restoring an encrypted ledger (#24). SQLite's backup API, which the plaintext restore uses, opens
 * its target without a key and would write decrypted pages into the ledger file. Instead the backup
 * is copied by VACUUM INTO (written with the process key) to a temporary file beside the ledger,
 * checked for plaintext, and moved over the ledger file. The caller closes its own connection first
 * and reopens afterwards; a WAL still present then means another program holds the ledger open, and
 * the restore is refused with the ledger untouched.
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { applyKey } from './cipher.ts';
import { assertNoPlaintext } from './encrypt.ts';
import { systemReason } from '../../shared/humanize-error.ts';

export function restoreEncryptedFile(dbPath: string, source: string): void {
  if (existsSync(`${dbPath}-wal`)) {
    throw new AppError('busy', `另一个程序正在使用 ${dbPath}（存在 -wal 文件），请先关闭它再恢复。当前数据库未改变。`);
  }
  const tmp = join(dirname(dbPath), `.${basename(dbPath)}.restoring-${process.pid}-${Date.now()}.tmp`);
  try {
    const src = new Database(source, { readonly: true, fileMustExist: true });
    try {
      applyKey(src, source);
      src.prepare('VACUUM INTO ?').run(tmp);
    } finally {
      src.close();
    }
    assertNoPlaintext(tmp);
    rmSync(`${dbPath}-shm`, { force: true });
    renameSync(tmp, dbPath);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('internal', `从 ${source} 恢复失败，当前数据库未改变：${systemReason(e)}`);
  }
}
