/**
 * Bulk loading for a file that is large against the ledger (the first import of a county or the
 * whole city): inside the import's transaction, the secondary indexes and the derived-data triggers
 * of the ledger tables are dropped, rows are written without them, and at the end the derived data
 * is recomputed for the households this batch touched, set-based, and the indexes and triggers are
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
import type { Db } from '../../db/types.ts';
import { TUNING } from '../limits.ts';

const TABLES = ['households', 'members', 'income_records', 'household_year_figures'];

/**
 * Indexes the writer looks rows up by during the load: a household by its head's ID number, a
 * household's members (roster checks, taking back a split household). The batch indexes go too,
 * although their keys only ever append: keeping them live measured ~2 s slower at city scale than
 * rebuilding them, and every lookup by batch during a load also names the household (or, in
 * finish(), scans once before the rebuild).
 */
const KEEP = /^(households_head_id|members_household)$/;

interface SchemaObject {
  type: 'index' | 'trigger';
  name: string;
  sql: string;
}

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
  private readonly dropped: SchemaObject[];
  private readonly batchId: number;
  private readonly checkForeignKeys: boolean;

  private constructor(db: Db, batchId: number, dropped: SchemaObject[], checkForeignKeys: boolean) {
    this.db = db;
    this.batchId = batchId;
    this.dropped = dropped;
    this.checkForeignKeys = checkForeignKeys;
  }

  /** Drops the secondary indexes and triggers; call inside the import's transaction. */
  /** `checkForeignKeys`: the caller turned enforcement off for the load; finish() checks them all once. */
  static begin(db: Db, batchId: number, checkForeignKeys = false): BulkLoad {
    const objects = db.prepare(`SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
      AND tbl_name IN (${TABLES.map(() => '?').join(', ')}) ORDER BY type, name`).all(...TABLES) as SchemaObject[];
    const drop = objects.filter((o) => o.type === 'trigger' || (!KEEP.test(o.name) && !/^\s*CREATE\s+UNIQUE/i.test(o.sql)));
    for (const o of drop) db.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`);
    return new BulkLoad(db, batchId, drop, checkForeignKeys);
  }

  /** Recomputes what the triggers would have kept, then creates the indexes and triggers again. */
  finish(): void {
    const db = this.db;
    const b = this.batchId;
    db.exec('CREATE TEMP TABLE IF NOT EXISTS import_touched (id INTEGER PRIMARY KEY)');
    db.exec('DELETE FROM temp.import_touched');
    db.prepare(`INSERT OR IGNORE INTO temp.import_touched
      SELECT id FROM households WHERE batch_id = ? UNION SELECT household_id FROM income_records WHERE batch_id = ?
      UNION SELECT household_id FROM audit_log WHERE batch_id = ? AND household_id IS NOT NULL`).run(b, b, b);
    db.exec(`DELETE FROM household_year_figures WHERE household_id IN (SELECT id FROM temp.import_touched)`);
    db.exec(`INSERT INTO household_year_figures (household_id, year, size, net_fen, prev_size, prev_net_fen, county_code)
      SELECT r.household_id, r.year, r.size, r.net_fen, p.size, p.net_fen, h.county_code
      FROM temp.import_touched t JOIN income_records r ON r.household_id = t.id JOIN households h ON h.id = r.household_id
      LEFT JOIN income_records p ON p.household_id = r.household_id AND p.year = r.year - 1`);
    // Analysis aggregates: the touched households' townships, and any township a household left.
    db.exec(`INSERT OR IGNORE INTO analysis_dirty SELECT DISTINCT h.township_code FROM temp.import_touched t JOIN households h ON h.id = t.id`);
    db.prepare(`INSERT OR IGNORE INTO analysis_dirty SELECT DISTINCT old_value FROM audit_log
      WHERE batch_id = ? AND table_name = 'households' AND field = 'township_code' AND old_value IS NOT NULL`).run(b);
    db.exec('DROP TABLE temp.import_touched');
    for (const o of this.dropped.filter((x) => x.type === 'index')) db.exec(o.sql);
    for (const o of this.dropped.filter((x) => x.type === 'trigger')) db.exec(o.sql);
    if (this.checkForeignKeys) this.foreignKeyCheck();
  }

  /** One pass over the ledger tables instead of a parent lookup per inserted row; a violation is a bug, so it aborts. */
  private foreignKeyCheck(): void {
    for (const table of [...TABLES, 'risk_dismissals']) {
      const bad = this.db.prepare(`SELECT "table", rowid, parent FROM pragma_foreign_key_check(?) LIMIT 1`).get(table) as { table: string; rowid: number; parent: string } | undefined;
      if (bad) throw new AppError('internal', `导入后的数据检查发现 ${bad.table} 第 ${bad.rowid} 行引用的 ${bad.parent} 不存在，已撤销本次导入，数据库未做任何修改`);
    }
  }
}
