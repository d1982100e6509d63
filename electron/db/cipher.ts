/**
 * Encryption at rest (issue #24). The driver is better-sqlite3-multiple-ciphers (SQLite3MC,
 * ChaCha20-Poly1305 by default), installed under the name `better-sqlite3` by an npm alias in
 * package.json, so every `import 'better-sqlite3'` gets the cipher build and the API stays the same.
 *
 * The key is process-wide: set by the app from its KeyStore, by the CLI from `--key-file`, or taken
 * from the environment variable LEDGER_KEY. It reaches worker threads (import, reader, export)
 * through worker_threads environment data, which is cloned into every Worker spawned afterwards and,
 * unlike process.env, is not inherited by child processes. No key = a plaintext ledger, as before.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { getEnvironmentData, setEnvironmentData } from 'node:worker_threads';
import { AppError } from '../../shared/errors.ts';
import type { Db } from './types.ts';

let processKey: string | null = null;

/** Sets (or clears with null) the key every connection opened afterwards in this thread uses. */
export function setLedgerKey(key: string | null): void {
  processKey = key === null || key === '' ? null : key;
  setEnvironmentData(ENV_DATA, processKey ?? '');
}

const ENV_DATA = 'income-ledger:key';

export function currentLedgerKey(): string | null {
  const inherited = getEnvironmentData(ENV_DATA);
  if (processKey !== null) return processKey;
  if (typeof inherited === 'string' && inherited !== '') return inherited;
  return process.env.LEDGER_KEY ? process.env.LEDGER_KEY : null;
}

/** hexkey avoids quoting the passphrase into SQL. */
function hexOf(key: string): string {
  return Buffer.from(key, 'utf8').toString('hex');
}

/** True when the file starts with SQLite's plaintext header (an unencrypted database). */
export function isPlaintextFile(path: string): boolean {
  if (path === '' || path === ':memory:') return false;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    return n === 16 && head.toString('latin1') === 'SQLite format 3\0';
  } finally {
    closeSync(fd);
  }
}

/**
 * Applies the current key (if any) to a freshly opened connection and proves it by reading the
 * schema. A wrong key, or a key given for a plaintext file, becomes a Chinese error naming the file.
 */
export function applyKey(db: Db, path: string, key: string | null = currentLedgerKey()): void {
  if (key === null) return;
  if (isPlaintextFile(path)) {
    throw new AppError('db-unreadable', `数据库文件 ${path} 尚未加密，不能用密钥打开。请先运行 npm run cli -- encrypt --db ${path} 把它原地加密。`);
  }
  db.pragma(`hexkey='${hexOf(key)}'`);
  try {
    db.pragma('schema_version');
  } catch {
    throw new AppError('db-unreadable', `无法解密数据库文件 ${path}：密钥不正确，或该文件不是本软件的台账。请确认使用的是这份台账的密钥或恢复密钥。`);
  }
}

/** Turns a plaintext connection into an encrypted one (rekey rewrites every page in place). */
export function rekeyInPlace(db: Db, key: string): void {
  // SQLite3MC cannot rekey in WAL mode: fold the WAL back, rekey, then return to WAL.
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma(`hexrekey='${hexOf(key)}'`);
  db.pragma('journal_mode = WAL');
}
