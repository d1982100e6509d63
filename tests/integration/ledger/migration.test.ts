/**
 * Migration 002 on real files: it backfills the per-household-year figures of an existing ledger,
 * and a database from before named steps whose number says 002 ran but whose objects are missing
 * (an earlier draft of the step) gets it at open.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../electron/db/connection.ts';
import { LEGACY_NAMES, MIGRATIONS, SCHEMA_VERSION } from '../../../electron/db/migrations/index.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

const FIGURE_CHECK = `SELECT count(*) AS n FROM income_records r LEFT JOIN household_year_figures f ON f.household_id = r.household_id AND f.year = r.year
  LEFT JOIN income_records p ON p.household_id = r.household_id AND p.year = r.year - 1
  WHERE f.household_id IS NULL OR f.net_fen <> r.net_fen OR f.prev_net_fen IS NOT p.net_fen`;

type Raw = InstanceType<typeof Database>;

function shape(db: Raw): Map<string, string[]> {
  const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid`).pluck().all() as string[];
  return new Map(tables.map((t) => [t, (db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(t) as string[])]));
}

/**
 * A table a later step changed goes back to the legacy steps' definition (a column a generated
 * column reads, as 012's business_net_fen, cannot simply be dropped); its indexes and triggers stay.
 */
function rebuildAsLegacy(raw: Raw, legacy: Raw, table: string, had: string[]): void {
  const sql = legacy.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`).pluck().get(table) as string;
  const deps = raw.prepare(`SELECT sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL`).pluck().all(table) as string[];
  raw.exec(sql.replace(`CREATE TABLE ${table}`, `CREATE TABLE ${table}_legacy`));
  raw.exec(`INSERT INTO ${table}_legacy (${had.join(', ')}) SELECT ${had.join(', ')} FROM ${table}`);
  raw.exec(`DROP TABLE ${table}`);
  raw.exec(`ALTER TABLE ${table}_legacy RENAME TO ${table}`);
  for (const d of deps) raw.exec(d);
}

/** The tables and columns the steps after the legacy ones add, found by running the steps on empty files. */
function undoLaterSteps(raw: Raw): void {
  const legacy = new Database(':memory:');
  const full = new Database(':memory:');
  for (const m of MIGRATIONS.slice(0, LEGACY_NAMES.length)) m.up(legacy);
  for (const m of MIGRATIONS) m.up(full);
  const before = shape(legacy);
  raw.pragma('foreign_keys = OFF');
  for (const [table, columns] of [...shape(full)].reverse()) {
    const had = before.get(table);
    if (!had) raw.exec(`DROP TABLE ${table}`);
    else if (columns.some((col) => !had.includes(col))) rebuildAsLegacy(raw, legacy, table, had);
  }
  legacy.close();
  full.close();
}

describe('migration 002 (ledger)', () => {
  it('runs on a legacy database that carries the number but not the step, and backfills the figures', () => {
    const path = makeDemoDb(tmp.path('late.db'), 'small');
    // Undo 002 by hand, leaving user_version where the later migrations put it.
    const raw = new Database(path);
    const objects = raw.prepare(`SELECT type, name FROM sqlite_schema WHERE sql LIKE '%household_year_figures%' AND type IN ('trigger','index')`).all() as Array<{ type: string; name: string }>;
    for (const o of objects) raw.exec(`DROP ${o.type.toUpperCase()} ${o.name}`);
    raw.exec('DROP TABLE household_year_figures; DROP INDEX members_name; DROP INDEX members_id_tail;');
    // As a database made before steps were recorded by name: it had only the legacy steps, and only
    // user_version says what ran. Whatever later steps added is undone too.
    undoLaterSteps(raw);
    raw.exec('DROP TABLE schema_migrations');
    raw.pragma(`user_version = ${LEGACY_NAMES.length}`);
    raw.close();

    const db = openDatabase(path);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect((db.prepare('SELECT count(*) AS n FROM household_year_figures').get() as { n: number }).n).toBeGreaterThan(3000);
    expect((db.prepare(FIGURE_CHECK).get() as { n: number }).n).toBe(0);
    expect(db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'members_id_tail'`).get()).toBeDefined();
    db.close();
  });
});
