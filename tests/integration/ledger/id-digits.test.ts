/**
 * Migration 007 computes the ID check digit from a generated integer column instead of 17 substr()
 * calls. The rule must be exactly v1's: both expressions are evaluated side by side over valid IDs,
 * every single-character corruption of them and malformed strings; and the tables still refuse bad
 * IDs on insert and update, on a new ledger and on a version-6 ledger upgraded with its rows.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../electron/db/connection.ts';
import { idCheck, idDigitsCheck } from '../../../electron/db/migrations/007-id-digits.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/db/migrations/index.ts';
import type { Db } from '../../../electron/services/context.ts';
import { checkDigit, makeIdNumber } from '../../../shared/domain/id-number.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir('id-digits-');
});
afterEach(() => tmp.remove());

const VALID = Array.from({ length: 400 }, (_, i) => makeIdNumber(['620422', '620421', '620403', '110101'][i % 4]!, `19${String(40 + (i % 60)).padStart(2, '0')}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`, i));

/** The rule the database enforces: 17 digits and the GB 11643 check character. */
const checksumOk = (x: string): boolean => /^\d{17}[\dX]$/.test(x) && checkDigit(x.slice(0, 17)) === x[17];

/** Each valid ID with every position replaced by each of a few characters, plus malformed strings. */
function candidates(): string[] {
  const out = new Set<string>(VALID);
  for (const id of VALID.slice(0, 60)) {
    for (let p = 0; p < 18; p++) for (const ch of ['0', '5', '9', 'X', 'x', 'A', ' ']) out.add(id.slice(0, p) + ch + id.slice(p + 1));
  }
  for (const s of ['', 'X', '12345678901234567', '1234567890123456789', '62042219800101001X0', '６２０４２２１９８００１０１００１X', '-20422198001010015', '6204221980.1010015']) out.add(s);
  return [...out];
}

describe('migration 007 (ID check digit from a generated column)', () => {
  it('accepts and refuses exactly what the v1 expression did', () => {
    const db = new Database(':memory:');
    try {
      db.exec(`CREATE TABLE t (x TEXT, d INTEGER GENERATED ALWAYS AS (CAST(substr(x, 1, 17) AS INTEGER)) VIRTUAL)`);
      const ins = db.prepare('INSERT INTO t (x) VALUES (?)');
      const all = candidates();
      for (const c of all) ins.run(c);
      const rows = db.prepare(`SELECT x, coalesce(${idCheck('x')}, -1) AS v1, coalesce(${idDigitsCheck('x', 'd')}, -1) AS v7 FROM t`).all() as Array<{ x: string; v1: number; v7: number }>;
      expect(rows).toHaveLength(all.length);
      expect(rows.filter((r) => r.v1 !== r.v7)).toEqual([]);
      const accepted = rows.filter((r) => r.v7 === 1).map((r) => r.x);
      expect(accepted.length).toBeGreaterThanOrEqual(VALID.length);
      // And both agree with the application's own validator.
      expect(accepted.filter((x) => !checksumOk(x))).toEqual([]);
      expect(all.filter((x) => checksumOk(x) && !accepted.includes(x))).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('a new ledger refuses bad ID numbers on insert and update', () => {
    const db = openDatabase(tmp.path('new.db'));
    try {
      expect(refusesBadIds(db)).toEqual(['member insert', 'member update', 'head insert', 'head update']);
    } finally {
      db.close();
    }
  });

  it('upgrades a version-6 ledger in place: rows kept, integrity checked, bad IDs refused', () => {
    const path = tmp.path('v6.db');
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    raw.unsafeMode(true);
    for (const m of MIGRATIONS.slice(0, 6)) m.up(raw);
    raw.unsafeMode(false);
    raw.pragma('user_version = 6');
    // The regions come with the app's seed at open; these rows only need to exist for the upgrade.
    raw.pragma('foreign_keys = OFF');
    raw.exec(`INSERT INTO households (code, county_code, township_code, head_name, head_id_number, size) VALUES ('H0', '620422', '620422100', '王五', '${VALID[0]}', 2)`);
    raw.exec(`INSERT INTO members (household_id, name, id_number) VALUES (1, '王五', '${VALID[0]}'), (1, '李四', '${VALID[1]}')`);
    raw.close();
    const db = openDatabase(path);
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare('SELECT id_number, id_digits FROM members ORDER BY id').all()).toEqual([
        { id_number: VALID[0], id_digits: Number(VALID[0]!.slice(0, 17)) }, { id_number: VALID[1], id_digits: Number(VALID[1]!.slice(0, 17)) },
      ]);
      expect(refusesBadIds(db)).toEqual(['member insert', 'member update', 'head insert', 'head update']);
    } finally {
      db.close();
    }
  });
});

/** Tries each kind of bad write; returns those the CHECK refused. A good write must succeed first. */
function refusesBadIds(db: Db): string[] {
  const bad = VALID[5]!.slice(0, 17) + (VALID[5]!.endsWith('1') ? '2' : '1');
  db.exec(`INSERT OR IGNORE INTO households (id, code, county_code, township_code, head_name, head_id_number, size) VALUES (1, 'H0', '620422', '620422100', '王五', NULL, 1)`);
  db.prepare(`INSERT INTO members (household_id, name, id_number) VALUES (1, '赵六', ?)`).run(VALID[3]);
  db.prepare(`INSERT INTO households (code, county_code, township_code, head_name, head_id_number, size) VALUES ('H9', '620422', '620422100', '赵六', ?, 1)`).run(VALID[3]);
  const tries: Array<[string, () => unknown]> = [
    ['member insert', () => db.prepare(`INSERT INTO members (household_id, name, id_number) VALUES (1, '坏号', ?)`).run(bad)],
    ['member update', () => db.prepare('UPDATE members SET id_number = ? WHERE id_number = ?').run(bad, VALID[3])],
    ['head insert', () => db.prepare(`INSERT INTO households (code, county_code, township_code, head_name, head_id_number, size) VALUES ('H8', '620422', '620422100', '坏号', ?, 1)`).run(bad)],
    ['head update', () => db.prepare(`UPDATE households SET head_id_number = ? WHERE code = 'H9'`).run(bad)],
  ];
  return tries.filter(([, f]) => {
    try {
      f();
      return false;
    } catch (e) {
      return /CHECK constraint failed/.test((e as Error).message);
    }
  }).map(([what]) => what);
}
