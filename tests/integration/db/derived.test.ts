/**
 * electron/db/derived.ts stands in for the triggers during a bulk load: the same writes made row by
 * row with the triggers live, and made with the upkeep suspended and then rebuilt set-based, must
 * leave household_year_figures, analysis_dirty and the schema identical. The writes cover what an
 * import does: changed incomes, a new year, a new household with its incomes, a household moved to
 * another township, and the income the following year reads as "previous".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection.ts';
import { rebuildDerived, resumeUpkeep, suspendUpkeep } from '../../../electron/db/derived.ts';
import type { Db } from '../../../electron/db/types.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
interface Pick { id: number; township: string; county: string }
let picks: Pick[];
let otherTownship: string;

beforeAll(() => {
  tmp = tempDir('derived-');
  makeDemoDb(tmp.path('a.db'));
  makeDemoDb(tmp.path('b.db'));
  const db = openDatabase(tmp.path('a.db'));
  try {
    picks = db.prepare(`SELECT id, township_code AS township, county_code AS county FROM households ORDER BY id LIMIT 4 OFFSET 10`).all() as Pick[];
    const first = picks[0] as Pick;
    otherTownship = (db.prepare(`SELECT code AS t FROM regions WHERE level = 'township' AND parent_code = ? AND code <> ? ORDER BY code LIMIT 1`).get(first.county, first.township) as { t: string }).t;
  } finally {
    db.close();
  }
});
afterAll(() => tmp.remove());

/** The import-like writes; returns the ids written and the townships left. */
function write(db: Db): { ids: number[]; left: string[] } {
  const [a, b, c, d] = picks as [Pick, Pick, Pick, Pick];
  // A changed income in the middle of a household's years: its own row and the next year's "previous" change.
  db.prepare(`UPDATE income_records SET wage_fen = wage_fen + 123456, size = size + 1 WHERE household_id = ? AND year = (SELECT min(year) FROM income_records WHERE household_id = ?)`).run(a.id, a.id);
  // A new year after the last.
  db.prepare(`INSERT INTO income_records (household_id, year, size, wage_fen, business_gross_fen, business_expense_fen, property_fen, transfer_fen)
    SELECT household_id, year + 1, size, wage_fen + 50000, business_gross_fen, business_expense_fen, property_fen, transfer_fen FROM income_records
    WHERE household_id = ? ORDER BY year DESC LIMIT 1`).run(b.id);
  // A household moved to another township of its county.
  db.prepare(`UPDATE households SET township_code = ?, village_code = NULL WHERE id = ?`).run(otherTownship, c.id);
  // A new household with two years.
  const id = Number(db.prepare(`INSERT INTO households (code, county_code, township_code, head_name, size) VALUES ('DERIVED-TEST-1', ?, ?, '测试户', 3)`).run(d.county, d.township).lastInsertRowid);
  const ins = db.prepare(`INSERT INTO income_records (household_id, year, size, wage_fen, business_gross_fen, business_expense_fen, property_fen, transfer_fen) VALUES (?, ?, 3, ?, 0, 0, 0, 100000)`);
  ins.run(id, 2023, 2_400_000);
  ins.run(id, 2024, 2_700_000);
  return { ids: [a.id, b.id, c.id, id], left: [c.township] };
}

function derived(db: Db): string {
  return JSON.stringify([
    db.prepare('SELECT * FROM household_year_figures ORDER BY household_id, year').all(),
    db.prepare('SELECT * FROM analysis_dirty ORDER BY township_code').all(),
    db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all(),
  ]);
}

function run(file: string, bulk: boolean): { before: string; after: string } {
  const db = openDatabase(tmp.path(file));
  try {
    db.exec('DELETE FROM analysis_dirty');
    const before = derived(db);
    db.transaction(() => {
      if (!bulk) return void write(db);
      const s = suspendUpkeep(db, () => false);
      const { ids, left } = write(db);
      rebuildDerived(db, { sql: `SELECT value FROM json_each(?)`, params: [JSON.stringify(ids)] }, { sql: `SELECT value FROM json_each(?)`, params: [JSON.stringify(left)] });
      resumeUpkeep(db, s);
    }).immediate();
    return { before, after: derived(db) };
  } finally {
    db.close();
  }
}

describe('derived-table upkeep', () => {
  it('gives the same derived tables and schema by triggers and by the bulk rebuild', () => {
    const rows = run('a.db', false);
    const bulk = run('b.db', true);
    expect(bulk.before).toBe(rows.before);
    // The writes did change the derived tables (the comparison is not of two untouched copies).
    expect(rows.after).not.toBe(rows.before);
    const dirty = (s: string) => (JSON.parse(s) as unknown[][])[1];
    expect(dirty(rows.after)).toEqual(expect.arrayContaining([{ township_code: otherTownship }, { township_code: (picks[2] as Pick).township }]));
    expect(bulk.after).toBe(rows.after);
  });

  it('drops the triggers and the unkept indexes while suspended, and restores them', () => {
    const db = openDatabase(tmp.path('a.db'));
    try {
      const schema = () => db.prepare(`SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger') AND tbl_name = 'income_records' AND sql IS NOT NULL ORDER BY name`).pluck().all();
      const before = schema();
      db.transaction(() => {
        const s = suspendUpkeep(db, (name) => name === 'income_records_batch');
        const during = schema();
        expect(during.filter((n) => String(n).startsWith('analysis_') || String(n).startsWith('income_records_figures'))).toEqual([]);
        expect(before.length).toBeGreaterThan(during.length);
        resumeUpkeep(db, s);
      }).immediate();
      expect(schema()).toEqual(before);
    } finally {
      db.close();
    }
  });
});
