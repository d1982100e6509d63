/**
 * Migrates a plaintext ledger to an encrypted one in place (issue #24), verified: every table keeps
 * its row count, and neither the file nor its WAL starts with SQLite's plaintext header or holds a
 * run of 17 digits (an ID number). The plaintext original is kept as a copy beside the ledger, and
 * the caller must tell the user to keep it somewhere safe or delete it.
 */
import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { auditWriter } from './audit.ts';
import { applyKey, isPlaintextFile, rekeyInPlace } from './cipher.ts';
import { setMeta } from './meta.ts';
import type { Db } from './types.ts';

export interface EncryptResult {
  path: string;
  plaintextCopy: string;
  tables: Record<string, number>;
}

/** Row count of every table: the fingerprint that must survive the migration unchanged. */
export function tableCounts(db: Db): Record<string, number> {
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const out: Record<string, number> = {};
  for (const n of names) out[n] = db.prepare(`SELECT count(*) FROM "${n.replace(/"/g, '""')}"`).pluck().get() as number;
  return out;
}

/** Offset of the first run of ≥17 ASCII digits (an ID number's body), or -1. */
export function findDigitRun(bytes: Uint8Array, length = 17): number {
  let run = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] ?? 0;
    run = b >= 0x30 && b <= 0x39 ? run + 1 : 0;
    if (run >= length) return i - length + 1;
  }
  return -1;
}

/** Throws unless `path` (and its WAL, if any) looks like ciphertext throughout. */
export function assertNoPlaintext(path: string): void {
  for (const f of [path, `${path}-wal`]) {
    if (!existsSync(f)) continue;
    const bytes = readFileSync(f);
    if (f === path && isPlaintextFile(f)) throw new AppError('internal', `加密校验失败：${f} 仍是明文数据库。`);
    const at = findDigitRun(bytes);
    if (at >= 0) throw new AppError('internal', `加密校验失败：${f} 在偏移 ${at} 处仍可读到 17 位数字。`);
  }
}

function plaintextCopyName(path: string): string {
  const t = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  return join(dirname(path), `${basename(path, extname(path))}.明文备份-加密前-${t}.db`);
}

/** Meta key naming the plaintext original, so the app can remind the user of it until it is gone. */
export const PLAINTEXT_COPY_META = 'plaintext_copy';

/** Records the migration in the ledger itself (audit chain and meta), then re-checks for plaintext. */
function recordEncryption(db: Db, path: string, r: EncryptResult, operator: string): void {
  db.transaction(() => {
    auditWriter(db, operator)({ action: 'crypt:encrypt', detail: { plaintextCopy: r.plaintextCopy, tables: Object.keys(r.tables).length } });
    setMeta(db, PLAINTEXT_COPY_META, r.plaintextCopy);
  }).immediate();
  db.pragma('wal_checkpoint(TRUNCATE)');
  assertNoPlaintext(path);
}

export function encryptLedgerInPlace(path: string, key: string, operator?: string): EncryptResult {
  if (!existsSync(path)) throw new AppError('db-unreadable', `数据库文件不存在：${path}`);
  if (!isPlaintextFile(path)) throw new AppError('validation', `数据库文件 ${path} 不是明文台账（可能已经加密），未做任何修改。`);
  const plaintextCopy = plaintextCopyName(path);
  const db = new Database(path, { fileMustExist: true });
  let before: Record<string, number>;
  try {
    before = tableCounts(db);
    db.prepare('VACUUM INTO ?').run(plaintextCopy);
    rekeyInPlace(db, key);
  } finally {
    db.close();
  }
  const check = new Database(path, { fileMustExist: true });
  try {
    applyKey(check, path, key);
    const after = tableCounts(check);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      throw new AppError('internal', `加密后核对不一致（各表行数变化），明文原件保存在 ${plaintextCopy}，请用它恢复。`);
    }
    check.pragma('wal_checkpoint(TRUNCATE)');
    assertNoPlaintext(path);
    const result = { path, plaintextCopy, tables: after };
    if (operator !== undefined) recordEncryption(check, path, result, operator);
    return result;
  } finally {
    check.close();
  }
}
