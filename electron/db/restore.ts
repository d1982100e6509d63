/**
 * A restore that keeps the audit history (issue #18 item 2). The backup is first copied into a
 * staging file beside the database, brought up to this version there, and given every audit entry
 * of the live log beyond what the two logs share, then the restore's own entry — in one transaction
 * of the staging file. Only then is the staging file written over the live database by SQLite's
 * backup API, which is a single transaction in the live file: a kill at any moment leaves either the
 * database as it was, or the restored one with the whole history and the entry saying so.
 *
 * Carried entries describe work the restore takes back. Their links to households and batches are
 * moved into `detail.carried`: after the restore those row ids are free again and will be given to
 * new rows, and an undo or a household's history must never pick up an entry about another row.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { AuditAction } from '../../shared/audit-actions.ts';
import { AppError } from '../../shared/errors.ts';
import { auditWriter, verifyAuditChain, type StoredEntry } from './audit.ts';
import { backupDirFor } from './backup.ts';
import { applyKey } from './cipher.ts';
import { migrate } from './migrate.ts';
import { seedReferenceData } from './seed.ts';
import type { Db } from './types.ts';

export interface CarriedHistory {
  /** Entries of the live log after the part both logs share, appended to the restored log. */
  count: number;
  /** The last entry both logs share (0: none). */
  sharedUpTo: number;
  /** The live log's head before the restore. */
  previousHead: { id: number; hash: string } | null;
  /** Why the live log could not be read (a damaged database); nothing was carried then. */
  unreadable: string | null;
}

/** The staging file's name: a temp name of this process, swept at the next start if a kill leaves it. */
export function stagingPathFor(dbPath: string): string {
  return join(backupDirFor(dbPath), `.${basename(dbPath)}.restore.${process.pid}.${Date.now()}.tmp`);
}

function hashAt(db: Db, id: number): string | null {
  return (db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
}

function maxId(db: Db): number {
  return (db.prepare('SELECT ifnull(max(id), 0) FROM audit_log').pluck().get() as number);
}

/**
 * The last id at which both logs hold the same entry. Each hash covers the one before it, so once the
 * logs differ they differ from there on: a binary search over ids finds the fork.
 */
export function sharedPrefix(live: Db, restored: Db): number {
  let lo = 0;
  let hi = Math.min(maxId(live), maxId(restored));
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const a = hashAt(live, mid);
    if (a !== null && a === hashAt(restored, mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function detailOf(r: StoredEntry): unknown {
  if (r.detail === null) return null;
  try {
    return JSON.parse(r.detail) as unknown;
  } catch {
    return r.detail;
  }
}

/** Appends the live entries after `after` to the staged log, keeping their time, operator and values. */
function appendCarried(live: Db, staged: Db, after: number, operator: string): number {
  const write = auditWriter(staged, operator);
  // Restoring back to a state from before an earlier restore: the entries that restore carried are
  // copies of ones this log holds itself, and are not carried a second time.
  const own = new Set(staged.prepare('SELECT hash FROM audit_log WHERE id > ?').pluck().all(after) as string[]);
  let n = 0;
  const rows = live.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id').iterate(after) as IterableIterator<StoredEntry>;
  for (const r of rows) {
    const d = detailOf(r) as { carried?: { hash?: unknown }; detail?: unknown } | null;
    if (typeof d?.carried?.hash === 'string' && own.has(d.carried.hash)) continue;
    write({
      action: r.action as AuditAction, table: r.table_name, key: r.row_key, field: r.field, old: r.old_value, new: r.new_value,
      at: r.at, operator: r.operator,
      detail: { carried: { id: r.id, hash: r.hash, householdId: r.household_id, batchId: r.batch_id }, detail: detailOf(r) },
    });
    n++;
  }
  return n;
}

function readHead(db: Db): { id: number; hash: string } | null {
  return (db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string } | undefined) ?? null;
}

/**
 * Copies `source` to `stagingPath`, migrates it, and appends the live history plus the entry made by
 * `restoreEntry` (given what was carried), in one transaction. `live` may be null or unreadable.
 */
export function stageRestore(
  live: Db | null,
  source: string,
  stagingPath: string,
  operator: string,
  restoreEntry: (carried: CarriedHistory) => { action: AuditAction; detail: unknown },
): CarriedHistory {
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    applyKey(src, source);
    src.prepare('VACUUM INTO ?').run(stagingPath);
  } finally {
    src.close();
  }
  const staged = new Database(stagingPath, { fileMustExist: true });
  try {
    applyKey(staged, stagingPath);
    staged.pragma('foreign_keys = ON');
    migrate(staged);
    seedReferenceData(staged);
    const carried = staged.transaction(() => {
      const c = carryHistory(live, staged, operator);
      auditWriter(staged, operator)(restoreEntry(c));
      return c;
    }).immediate();
    const chain = verifyAuditChain(staged);
    if (!chain.ok) throw new AppError('internal', `恢复准备失败，当前数据库未改变：合并后的审计日志校验不通过（${chain.reason ?? ''}）。`);
    staged.pragma('journal_mode = DELETE');
    return carried;
  } catch (e) {
    staged.close();
    rmSync(stagingPath, { force: true });
    throw e;
  } finally {
    if (staged.open) staged.close();
  }
}

function carryHistory(live: Db | null, staged: Db, operator: string): CarriedHistory {
  if (live === null || !live.open) return { count: 0, sharedUpTo: 0, previousHead: null, unreadable: '当前数据库未打开' };
  let sharedUpTo: number;
  let previousHead: CarriedHistory['previousHead'];
  try {
    previousHead = readHead(live);
    sharedUpTo = sharedPrefix(live, staged);
  } catch (e) {
    return { count: 0, sharedUpTo: 0, previousHead: null, unreadable: (e as Error).message };
  }
  // A read failure in the middle (a damaged page) must not leave half the history: the savepoint
  // takes back what was appended, and the restore records that nothing could be carried.
  try {
    const count = staged.transaction(() => appendCarried(live, staged, sharedUpTo, operator))();
    return { count, sharedUpTo, previousHead, unreadable: null };
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) throw e;
    return { count: 0, sharedUpTo, previousHead, unreadable: (e as Error).message };
  }
}
