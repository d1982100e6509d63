/**
 * The derived ledger tables and their upkeep, in one place. Two tables are kept by triggers as rows
 * are written (the triggers are created by the migrations named below):
 *
 * - `household_year_figures` (002 ledger-indexes, `income_records_figures_*`, `households_figures_county`):
 *   one row per household and year with the size and net income, the previous year's beside it,
 *   and the county, so the lists and the 两类群体 flags read one indexed row.
 * - `analysis_dirty` (004 analysis, `analysis_income_*`, `analysis_household_*`): the townships whose
 *   analysis aggregates must be recomputed before the next read.
 *
 * A bulk load (import/write/bulk.ts) suspends the triggers and the secondary indexes, writes, and
 * asks here for the same result set-based: `rebuildDerived` must leave both tables exactly as the
 * triggers would have (tests/integration/db/derived.test.ts writes the same rows both ways).
 */
import type { Db } from './types.ts';

/** The tables whose indexes and triggers a bulk load suspends. */
export const LEDGER_TABLES = ['households', 'members', 'income_records', 'household_year_figures'] as const;

interface SchemaObject {
  type: 'index' | 'trigger';
  name: string;
  sql: string;
}

export interface SuspendedUpkeep {
  readonly dropped: readonly SchemaObject[];
}

/** A set of rows named by SQL: `SELECT <one column> …` with its parameters. */
export interface SqlSet {
  sql: string;
  params: unknown[];
}

/**
 * Drops every trigger of the ledger tables and their non-unique secondary indexes except those
 * `keep` names (what the writer looks rows up by during the load). Call inside the transaction:
 * SQLite's schema changes are transactional, so a failure rolls the drops back with the rows.
 */
export function suspendUpkeep(db: Db, keep: (indexName: string) => boolean): SuspendedUpkeep {
  const objects = db.prepare(`SELECT type, name, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL
    AND tbl_name IN (${LEDGER_TABLES.map(() => '?').join(', ')}) ORDER BY type, name`).all(...LEDGER_TABLES) as SchemaObject[];
  const drop = objects.filter((o) => o.type === 'trigger' || (!keep(o.name) && !/^\s*CREATE\s+UNIQUE/i.test(o.sql)));
  for (const o of drop) db.exec(`DROP ${o.type.toUpperCase()} "${o.name}"`);
  return { dropped: drop };
}

/**
 * What the triggers would have done for the households in `households` (ids), set-based: their
 * per-year figures rewritten from income_records, and their townships — plus `formerTownships`, the
 * townships a household moved out of — marked for the analysis.
 */
export function rebuildDerived(db: Db, households: SqlSet, formerTownships?: SqlSet): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS derived_touched (id INTEGER PRIMARY KEY)');
  db.exec('DELETE FROM temp.derived_touched');
  db.prepare(`INSERT OR IGNORE INTO temp.derived_touched ${households.sql}`).run(...households.params);
  db.exec(`DELETE FROM household_year_figures WHERE household_id IN (SELECT id FROM temp.derived_touched)`);
  db.exec(`INSERT INTO household_year_figures (household_id, year, size, net_fen, prev_size, prev_net_fen, county_code)
    SELECT r.household_id, r.year, r.size, r.net_fen, p.size, p.net_fen, h.county_code
    FROM temp.derived_touched t JOIN income_records r ON r.household_id = t.id JOIN households h ON h.id = r.household_id
    LEFT JOIN income_records p ON p.household_id = r.household_id AND p.year = r.year - 1`);
  db.exec(`INSERT OR IGNORE INTO analysis_dirty SELECT DISTINCT h.township_code FROM temp.derived_touched t JOIN households h ON h.id = t.id`);
  if (formerTownships) db.prepare(`INSERT OR IGNORE INTO analysis_dirty ${formerTownships.sql}`).run(...formerTownships.params);
  db.exec('DROP TABLE temp.derived_touched');
}

/** Creates the suspended indexes (built once from the loaded rows) and then the triggers, from their own SQL. */
export function resumeUpkeep(db: Db, s: SuspendedUpkeep): void {
  for (const o of s.dropped.filter((x) => x.type === 'index')) db.exec(o.sql);
  for (const o of s.dropped.filter((x) => x.type === 'trigger')) db.exec(o.sql);
}
