import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../electron/db/connection.ts';
import { SCHEMA_VERSION } from '../../../electron/db/migrations/index.ts';
import { MEASURES } from '../../../shared/domain/measures.ts';
import { REGIONS } from '../../../shared/domain/regions.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

function insertHousehold(db: Database.Database, code = 'H1'): number {
  return Number(
    db.prepare(`INSERT INTO households (code, county_code, township_code, head_name, size) VALUES (?, '620422', '620422101', '张三', 3)`).run(code)
      .lastInsertRowid,
  );
}

describe('schema v1 on a real file', () => {
  it('migrates an empty file with WAL, FULL sync, foreign keys and the seeds', () => {
    const db = openDatabase(tmp.path('a.db'));
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const count = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM regions')).toBe(REGIONS.length);
    expect(count('SELECT count(*) AS n FROM measures')).toBe(22);
    expect(count('SELECT count(*) AS n FROM measure_groups')).toBe(5);
    expect(count("SELECT count(*) AS n FROM measure_departments WHERE role = 'main'")).toBe(22);
    expect(count("SELECT count(*) AS n FROM measure_departments WHERE role = 'lead'")).toBe(MEASURES.length);
    const target = db.prepare("SELECT value FROM reference_values WHERE kind='target' AND year=2024 AND scope_code='620400' AND metric='perCapitaNet'").get() as { value: number };
    expect(target.value).toBe(15500);
    const strict = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type='table' AND sql LIKE '%STRICT%'").get() as { n: number };
    expect(strict.n).toBeGreaterThanOrEqual(17);
    db.close();
  });

  it('reopens an existing file without re-running migrations or duplicating seeds', () => {
    const path = tmp.path('b.db');
    const db = openDatabase(path);
    const id = insertHousehold(db);
    db.prepare("UPDATE measures SET title = '改过的标题' WHERE n = 1").run();
    db.close();
    const again = openDatabase(path);
    expect(schemaVersion(again)).toBe(SCHEMA_VERSION);
    expect((again.prepare('SELECT count(*) AS n FROM measures').get() as { n: number }).n).toBe(22);
    expect((again.prepare('SELECT title FROM measures WHERE n = 1').get() as { title: string }).title).toBe('改过的标题');
    expect((again.prepare('SELECT id FROM households WHERE code = ?').get('H1') as { id: number }).id).toBe(id);
    again.close();
  });

  it('refuses a database written by a newer app, in Chinese, without touching it', () => {
    const path = tmp.path('newer.db');
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(path)).toThrowError(/更新版本的软件创建/);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5);
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'households'").get()).toEqual({ n: 0 });
    check.close();
  });

  it('refuses a file that is not a database', () => {
    const path = tmp.path('not.db');
    writeFileSync(path, 'PK\u0003\u0004 this is a zip, not SQLite'.repeat(100));
    expect(() => openDatabase(path)).toThrowError(/无法读取|无法打开/);
  });

  it('enforces ID check digits, money signs and enumerations in the database itself', () => {
    const db = openDatabase(tmp.path('c.db'));
    const hh = insertHousehold(db);
    const good = makeIdNumber('620422', '19800101', 123);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const member = db.prepare('INSERT INTO members (household_id, name, id_number, relation) VALUES (?, ?, ?, ?)');
    member.run(hh, '张三', good, '户主');
    expect(() => member.run(hh, '李四', bad, '配偶')).toThrowError(/CHECK constraint/);
    expect(() => member.run(hh, '王五', good, '之子')).toThrowError(/UNIQUE/);
    const row = db.prepare('SELECT sex, birth_date FROM members WHERE id_number = ?').get(good) as { sex: string; birth_date: string };
    expect(row).toEqual({ sex: '男', birth_date: '1980-01-01' });
    const income = db.prepare('INSERT INTO income_records (household_id, year, size, wage_fen, business_gross_fen, business_expense_fen) VALUES (?, ?, 3, ?, ?, ?)');
    expect(() => income.run(hh, 2024, -1, 0, 0)).toThrowError(/CHECK constraint/);
    income.run(hh, 2024, 1_000_000, 500_000, 200_000);
    expect(db.prepare('SELECT net_fen FROM income_records WHERE household_id = ?').get(hh)).toEqual({ net_fen: 1_300_000 });
    expect(() => db.prepare("UPDATE households SET monitoring_category = '随便写' WHERE id = ?").run(hh)).toThrowError(/CHECK constraint/);
    expect(() => db.prepare("INSERT INTO households (code, county_code, township_code, head_name, size) VALUES ('X', '999999', '620422101', '某', 1)").run()).toThrowError(/FOREIGN KEY/);
    db.close();
  });

  it('keeps the audit log append-only', () => {
    const db = openDatabase(tmp.path('d.db'));
    db.prepare("INSERT INTO audit_log (at, operator, action, prev_hash, hash) VALUES ('t', '甲', 'x', ?, ?)").run('0'.repeat(64), '1'.repeat(64));
    expect(() => db.prepare("UPDATE audit_log SET operator = '乙'").run()).toThrowError(/只能追加/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrowError(/只能追加/);
    db.close();
  });
});

describe('derived tables kept by triggers', () => {
  it('survive an outer UPSERT on income_records (its conflict clause overrides a trigger OR IGNORE)', () => {
    const db = openDatabase(tmp.path('upsert.db'));
    const hh = insertHousehold(db);
    const upsert = db.prepare(
      `INSERT INTO income_records (household_id, year, size, wage_fen) VALUES (?, 2024, 3, ?)
       ON CONFLICT (household_id, year) DO UPDATE SET wage_fen = excluded.wage_fen`,
    );
    upsert.run(hh, 1_000_000);
    upsert.run(hh, 2_400_000);
    const other = insertHousehold(db, 'H2');
    upsert.run(other, 500_000);
    expect(db.prepare('SELECT sum(net_fen) AS n FROM income_records').get()).toEqual({ n: 2_900_000 });
    db.close();
  });
});
