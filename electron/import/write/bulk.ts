/**
 * Bulk loading for a file that is large against the ledger (the first import of a county or the
 * whole city): inside the import's transaction, the secondary indexes and the derived-data triggers
 * of the ledger tables are dropped, rows are written without them, and at the end the derived data
 * is recomputed for the households this batch touched, set-based (electron/db/derived.ts, beside
 * the list of the triggers it stands in for), and the indexes and triggers are
 * created again from their own stored SQL. Building an index once from sorted rows is several
 * times cheaper than 37万 scattered inserts into each of ~20 indexes, and one INSERT … SELECT for
 * the per-household figures replaces four trigger statements per income row.
 *
 * Foreign keys are checked once over the ledger tables at the end rather than per row (the caller
 * turns enforcement off outside the transaction); a violation aborts the import.
 *
 * Safe because SQLite's schema changes are transactional: the writer holds the write lock for the
 * whole file, readers keep seeing the committed schema (WAL), and a failure, a cancel or a killed
 * process rolls the drops back with the rows. The schema after COMMIT is exactly the one before.
 */
import { AppError } from '../../../shared/errors.ts';
import { LEDGER_TABLES, rebuildDerived, resumeUpkeep, suspendUpkeep, type SuspendedUpkeep } from '../../db/derived.ts';
import type { Db } from '../../db/types.ts';
import { TUNING } from '../limits.ts';

/**
 * Indexes the writer looks rows up by during the load: a household by its head's ID number, a
 * household's members (roster checks, taking back a split household). The batch indexes go too,
 * although their keys only ever append: keeping them live measured ~2 s slower at city scale than
 * rebuilding them, and every lookup by batch during a load also names the household (or, in
 * finish(), scans once before the rebuild).
 */
const KEEP = /^(households_head_id|members_household)$/;

/** Estimated data rows of an import file from its size; conservative (real sheets carry styles). */
export function estimatedRows(bytes: number): number {
  return Math.round(bytes / 80);
}

/** Bulk mode pays off when the file adds at least half as many rows again as the ledger holds. */
export function worthBulk(db: Db, rows: number): boolean {
  if (rows < TUNING.bulkMinRows) return false;
  const members = (db.prepare('SELECT max(id) AS n FROM members').get() as { n: number | null }).n ?? 0;
  return rows * 2 >= members;
}

export class BulkLoad {
  private readonly db: Db;
  private readonly suspended: SuspendedUpkeep;
  private readonly batchId: number;
  private readonly checkForeignKeys: boolean;

  private constructor(db: Db, batchId: number, suspended: SuspendedUpkeep, checkForeignKeys: boolean) {
    this.db = db;
    this.batchId = batchId;
    this.suspended = suspended;
    this.checkForeignKeys = checkForeignKeys;
  }

  /** Drops the secondary indexes and triggers; call inside the import's transaction. */
  /** `checkForeignKeys`: the caller turned enforcement off for the load; finish() checks them all once. */
  static begin(db: Db, batchId: number, checkForeignKeys = false): BulkLoad {
    return new BulkLoad(db, batchId, suspendUpkeep(db, (name) => KEEP.test(name)), checkForeignKeys);
  }

  /** Has electron/db recompute what the triggers would have kept, then creates the indexes and triggers again. */
  finish(): void {
    const b = this.batchId;
    // The batch's households: written, given income, or changed (a split leaves only an audit entry).
    rebuildDerived(
      this.db,
      { sql: `SELECT id FROM households WHERE batch_id = ? UNION SELECT household_id FROM income_records WHERE batch_id = ?
        UNION SELECT household_id FROM audit_log WHERE batch_id = ? AND household_id IS NOT NULL`, params: [b, b, b] },
      { sql: `SELECT DISTINCT old_value FROM audit_log WHERE batch_id = ? AND table_name = 'households' AND field = 'township_code' AND old_value IS NOT NULL`, params: [b] },
    );
    resumeUpkeep(this.db, this.suspended);
    if (this.checkForeignKeys) this.foreignKeyCheck();
  }

  /** One pass over the ledger tables instead of a parent lookup per inserted row; a violation is a bug, so it aborts. */
  private foreignKeyCheck(): void {
    for (const table of [...LEDGER_TABLES, 'risk_dismissals']) {
      const bad = this.db.prepare(`SELECT "table", rowid, parent FROM pragma_foreign_key_check(?) LIMIT 1`).get(table) as { table: string; rowid: number; parent: string } | undefined;
      if (bad) throw new AppError('internal', `导入后的数据检查发现 ${bad.table} 第 ${bad.rowid} 行引用的 ${bad.parent} 不存在，已撤销本次导入，数据库未做任何修改`);
    }
  }
}
