/**
 * Opens the ledger database: pragmas for durability (WAL + synchronous=FULL: a committed import
 * survives a power cut), foreign keys, then migrations. A database written by a newer version of
 * the app is refused rather than guessed at.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { migrate, pendingMigrations, unknownMigrations } from './migrate.ts';
import { rotateBackupSync } from './backup.ts';
import { seedReferenceData } from './seed.ts';
import { applyKey } from './cipher.ts';
import type { Db } from './types.ts';
import { systemReason } from '../../shared/humanize-error.ts';
import { diskFullError, immutableUri, isDiskFull, unwritableCause } from './media-faults.ts';

export interface OpenOptions {
  /** Open without writing anything (no migration, no seed). */
  readonly?: boolean;
  /** Refuse a missing file instead of creating it. */
  mustExist?: boolean;
}

export function openDatabase(path: string, opts: OpenOptions = {}): Db {
  if (opts.mustExist && !existsSync(path)) {
    throw new AppError('db-unreadable', `数据库文件不存在：${path}`);
  }
  let db: Db;
  try {
    db = openFile(path, opts);
  } catch (e) {
    throw new AppError('db-unreadable', `无法打开数据库 ${path}：${systemReason(e)}`);
  }
  try {
    applyKey(db, path);
    configure(db, opts.readonly ?? false);
    checkVersion(db, path);
    if (!opts.readonly) {
      backupBeforeMigration(db, path);
      migrate(db);
      seedReferenceData(db);
    }
    return db;
  } catch (e) {
    db.close();
    if (e instanceof AppError) throw e;
    // Opening writes a little (the -shm, a migration): a full disk is not a damaged file.
    if (isDiskFull(e, path)) throw diskFullError(`无法打开数据库 ${path}（打开时需要少量空间）`);
    throw new AppError('db-unreadable', `数据库文件 ${path} 无法读取（可能不是本软件的数据库或已损坏）：${systemReason(e)}`);
  }
}

function openFile(path: string, opts: OpenOptions): Db {
  const readonly = opts.readonly ?? false;
  if (readonly && existsSync(path) && IMMUTABLE_CAUSES.has(unwritableCause(path) ?? '')) {
    // Read-only media: nobody can change the file, so it is opened as immutable (no -shm needed).
    return new Database(immutableUri(path), { readonly: true, fileMustExist: true });
  }
  // URI filenames are on (media-faults.ts): a relative name that looks like one stays a path.
  return new Database(path.startsWith('file:') ? resolve(path) : path, { readonly, fileMustExist: opts.mustExist ?? false });
}
/**
 * Read-only media (EROFS) and files no process may change (EPERM: an immutable or read-only-
 * attribute file). Not EACCES: a folder this user may not write can still be written by another.
 */
const IMMUTABLE_CAUSES: ReadonlySet<string> = new Set(['EROFS', 'EPERM']);

function configure(db: Db, readonly: boolean): void {
  // Touch the schema first: a file that is not SQLite fails here with a clear error.
  db.pragma('schema_version');
  if (!readonly) db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // 64 MB page cache: bulk imports and city-scale aggregates touch many pages.
  db.pragma('cache_size = -65536');
  db.pragma('temp_store = MEMORY');
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function checkVersion(db: Db, path: string): void {
  const unknown = unknownMigrations(db);
  if (unknown.length > 0) {
    throw new AppError(
      'db-newer',
      `数据库 ${path} 由更新版本的软件创建，其中有本软件不认识的结构更新（${unknown.slice(0, 3).join('、')}）。为避免损坏数据，本软件不会打开它，请升级软件后再打开。`,
      { unknown },
    );
  }
}

/** An existing ledger about to be upgraded is first copied into the backup rotation (synchronously: open cannot await). */
function backupBeforeMigration(db: Db, path: string): void {
  if (path === ':memory:' || path === '' || schemaVersion(db) === 0) return;
  const pending = pendingMigrations(db);
  if (pending.length > 0) rotateBackupSync(db, path, `migration-${pending[0]?.name ?? ''}`);
}

export { migrate };
