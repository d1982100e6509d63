/**
 * Backups and restores. A copy is always made by SQLite (the online backup API, or VACUUM INTO when
 * the caller cannot await), never by copying the file of an open database (sqlite.org/howtocorrupt
 * §1.2). Each copy is written under a temporary name, switched to rollback-journal mode so it is one
 * self-contained file (a USB stick or a mail attachment), opened read-only and checked, and only then
 * given its final name: a file with a backup's name is always a verified backup.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import type { Db } from './types.ts';
import { checkIntegrity, type CheckResult } from './integrity.ts';
import { getSetting } from './meta.ts';
import { unknownMigrations } from './migrate.ts';
import { applyKey, currentLedgerKey, isPlaintextFile } from './cipher.ts';
import { systemReason } from '../../shared/humanize-error.ts';
import { restoreEncryptedFile } from './restore-encrypted.ts';
import { describeCopy, removeManifest, writeManifest } from './backup-manifest.ts';
import { notePending } from './pending-temps.ts';

export const DEFAULT_BACKUP_KEEP = 10;
export const BACKUP_DIR_NAME = 'backups';

export interface VerifiedCopy {
  path: string;
  bytes: number;
  schemaVersion: number;
  check: CheckResult;
}

export interface RotationEntry {
  path: string;
  name: string;
  /** ISO time parsed from the name (local clock when taken). */
  at: string;
  reason: string;
  bytes: number;
}

/** Opens a copy read-only and checks it is a ledger database this app can read. */
export function verifyCopy(path: string, kind: 'quick' | 'full' = 'quick'): VerifiedCopy {
  if (!existsSync(path)) throw new AppError('file-unreadable', `备份文件不存在：${path}`);
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new AppError('file-unreadable', `无法打开备份文件 ${path}：${systemReason(e)}`);
  }
  try {
    applyKey(db, path);
    const check = checkIntegrity(db, kind);
    if (!check.ok) throw new AppError('file-unreadable', `备份文件 ${path} 未通过完整性检查：${check.problems.slice(0, 3).join('；')}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasLedger = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('households','audit_log','settings')").get() as { n: number };
    if (hasLedger.n !== 3 || version < 1) throw new AppError('file-type', `文件 ${path} 不是本软件的台账数据库。`);
    if (unknownMigrations(db).length > 0) {
      throw new AppError('db-newer', `备份文件 ${path} 由更新版本的软件创建，本软件不能安全地恢复它，请升级软件后再恢复。`);
    }
    return { path, bytes: statSync(path).size, schemaVersion: version, check };
  } finally {
    db.close();
  }
}

function tempNameFor(dest: string): string {
  return join(dirname(dest), `.${basename(dest)}.${process.pid}.${Date.now()}.tmp`);
}

/** Gives the temp copy one self-contained file, verifies it, then moves it to `dest`. */
function finishCopy(tmp: string, dest: string, kind: 'quick' | 'full'): VerifiedCopy {
  try {
    const copy = new Database(tmp);
    let description: ReturnType<typeof describeCopy>;
    try {
      applyKey(copy, tmp);
      copy.pragma('journal_mode = DELETE');
      description = describeCopy(copy);
    } finally {
      copy.close();
    }
    verifyCopy(tmp, kind);
    renameSync(tmp, dest);
    const verified = verifyCopy(dest, 'quick');
    // Written after the backup has its name: a manifest never describes a file that is not there.
    writeManifest(dest, { ...description, encrypted: !isPlaintextFile(dest) });
    return verified;
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

function assertNewTarget(dest: string, db: Db): void {
  if (existsSync(dest)) throw new AppError('conflict', `目标文件已存在：${dest}（备份不会覆盖已有文件，请换一个文件名）`);
  if (resolve(dest) === resolve(db.name)) throw new AppError('validation', '备份不能写到正在使用的数据库文件上。');
  mkdirSync(dirname(dest), { recursive: true });
}

/** Online backup (async, 100 pages per tick, so the UI keeps answering) into a new file, verified. */
export async function backupTo(db: Db, dest: string, kind: 'quick' | 'full' = 'full'): Promise<VerifiedCopy> {
  assertNewTarget(dest, db);
  // An encrypted ledger cannot go through the backup API (its target opens without a key):
  // VACUUM INTO writes the copy encrypted with the same key.
  if (currentLedgerKey() !== null) return backupToSync(db, dest, kind);
  const tmp = tempNameFor(dest);
  // Noted beside the ledger while written: a kill leaves a temp the next start's sweep can find.
  const done = notePending(db.name, tmp);
  try {
    try {
      await db.backup(tmp);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw new AppError('file-unreadable', `备份写入 ${dest} 失败：${systemReason(e)}`);
    }
    return finishCopy(tmp, dest, kind);
  } finally {
    done();
  }
}

/** Synchronous snapshot (VACUUM INTO) for callers that cannot await, e.g. before a migration at open. */
export function backupToSync(db: Db, dest: string, kind: 'quick' | 'full' = 'quick'): VerifiedCopy {
  assertNewTarget(dest, db);
  const tmp = tempNameFor(dest);
  const done = notePending(db.name, tmp);
  try {
    try {
      db.prepare('VACUUM INTO ?').run(tmp);
    } catch (e) {
      rmSync(tmp, { force: true });
      throw new AppError('file-unreadable', `备份写入 ${dest} 失败：${systemReason(e)}`);
    }
    return finishCopy(tmp, dest, kind);
  } finally {
    done();
  }
}

// ── Rotation: automatic backups beside the database ─────────────────────────────────────────────

export function backupDirFor(dbPath: string): string {
  return join(dirname(dbPath), BACKUP_DIR_NAME);
}

function stem(dbPath: string): string {
  return basename(dbPath, extname(dbPath));
}

function stamp(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}-${p(d.getMilliseconds(), 3)}`;
}

/** Reasons become part of a file name, so only [a-z0-9-] survive. */
function slug(reason: string): string {
  return reason.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 30) || 'auto';
}

export function rotationName(dbPath: string, reason: string, at = new Date()): string {
  return `${stem(dbPath)}-${stamp(at)}-${slug(reason)}.db`;
}

/** Automatic backups of this database, newest first. */
export function listRotation(dbPath: string): RotationEntry[] {
  const dir = backupDirFor(dbPath);
  if (!existsSync(dir)) return [];
  const re = new RegExp(`^${stem(dbPath).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-(\\d{8})-(\\d{6})-(\\d{3})-([a-z0-9-]+)\\.db$`);
  const out: RotationEntry[] = [];
  for (const name of readdirSync(dir)) {
    const m = re.exec(name);
    if (!m) continue;
    const [, d = '', t = '', ms = '', reason = ''] = m;
    const at = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}.${ms}`;
    out.push({ path: join(dir, name), name, at, reason, bytes: statSync(join(dir, name)).size });
  }
  return out.sort((a, b) => b.name.localeCompare(a.name));
}

export function backupKeep(db: Db): number {
  const v = Number(getSetting(db, 'backup_keep'));
  return Number.isInteger(v) && v >= 1 && v <= 1000 ? v : DEFAULT_BACKUP_KEEP;
}

/** Deletes the oldest automatic backups beyond `keep`; returns the removed paths. */
export function pruneRotation(dbPath: string, keep: number): string[] {
  const removed: string[] = [];
  for (const e of listRotation(dbPath).slice(keep)) {
    rmSync(e.path, { force: true });
    removeManifest(e.path);
    removed.push(e.path);
  }
  return removed;
}

/** Takes an automatic backup into the rotation (before an import, undo, restore, migration). */
export async function rotateBackup(db: Db, dbPath: string, reason: string): Promise<VerifiedCopy> {
  const copy = await backupTo(db, join(backupDirFor(dbPath), rotationName(dbPath, reason)), 'quick');
  pruneRotation(dbPath, backupKeep(db));
  return copy;
}

export function rotateBackupSync(db: Db, dbPath: string, reason: string): VerifiedCopy {
  const copy = backupToSync(db, join(backupDirFor(dbPath), rotationName(dbPath, reason)));
  pruneRotation(dbPath, backupKeep(db));
  return copy;
}

/** The newest automatic backup that still passes quick_check, for the read-only banner. */
export function latestGoodBackup(dbPath: string): RotationEntry | null {
  for (const e of listRotation(dbPath)) {
    try {
      verifyCopy(e.path, 'quick');
      return e;
    } catch {
      // A damaged backup is skipped; the next older one may be fine.
    }
  }
  return null;
}

/**
 * Replaces the live database's content with a verified backup through SQLite's backup API: the
 * pages are written under SQLite's locks into the live file, so the app's own connection stays open
 * and reads the restored content at its next statement. The caller backs up the current state first.
 */
export async function restoreInto(dbPath: string, source: string): Promise<VerifiedCopy> {
  if (resolve(source) === resolve(dbPath)) throw new AppError('validation', '不能用正在使用的数据库文件恢复它自己。');
  const verified = verifyCopy(source, 'full');
  // Encrypted: the file is replaced (the caller has closed its connection), see restore-encrypted.ts.
  if (currentLedgerKey() !== null) return (restoreEncryptedFile(dbPath, source), verified);
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    applyKey(src, source);
    await src.backup(dbPath);
  } catch (e) {
    throw new AppError('internal', `从 ${source} 恢复失败，当前数据库未改变：${systemReason(e)}`);
  } finally {
    src.close();
  }
  return verified;
}
