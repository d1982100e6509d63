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
import { closeSync, openSync, readSync, statSync } from 'node:fs';
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
 * True when the file looks like an encrypted database: whole pages of bytes that look random (SQLite3MC
 * starts each file with a random salt). A text file, a zip or an empty file does not, so they keep the
 * ordinary "cannot read" message instead of being called encrypted.
 */
export function looksEncrypted(path: string): boolean {
  if (path === '' || path === ':memory:') return false;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return false;
  }
  if (size < 512 || size % 512 !== 0 || isPlaintextFile(path)) return false;
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(512);
    readSync(fd, head, 0, 512, 0);
    // 512 random bytes hold ~222 distinct values; any structured file far fewer.
    return new Set(head).size > 150;
  } finally {
    closeSync(fd);
  }
}

/** The message for an encrypted ledger opened without a key (not "damaged": it is not). */
export function keyRequiredMessage(path: string): string {
  return `此台账已加密，需要密钥才能打开：${path}。请用 --key-file 密钥文件、--recovery-key-file 恢复密钥文件或环境变量 LEDGER_KEY 提供密钥（桌面软件从本机密钥库取得密钥）。若该文件从未加密，则它可能已损坏。`;
}

/**
 * Applies the current key (if any) to a freshly opened connection and proves it by reading the
 * schema. A wrong key, or a key given for a plaintext file, becomes a Chinese error naming the file.
 */
export function applyKey(db: Db, path: string, key: string | null = currentLedgerKey()): void {
  if (key === null) {
    if (looksEncrypted(path)) throw new AppError('db-unreadable', keyRequiredMessage(path));
    return;
  }
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
