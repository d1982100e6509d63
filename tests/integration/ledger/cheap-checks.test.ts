/**
 * Migration 006 rewrites `x IN ('a','b')` CHECKs as OR chains in place. The constraints must keep
 * refusing exactly what they refused, on a new ledger and on one upgraded with its data.
 */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../electron/db/connection.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../electron/db/migrations/index.ts';
import { inListsAsOr } from '../../../electron/db/migrations/006-cheap-checks.ts';
import type { Db } from '../../../electron/services/context.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';

const ID = makeIdNumber('620422', '19800101', 1);

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir('cheap-checks-');
});
afterEach(() => tmp.remove());

function tablesWithInLists(db: Db): string[] {
  const rows = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL`).all() as Array<{ name: string; sql: string }>;
  return rows.filter((r) => /\w+ IN \('/.test(r.sql)).map((r) => r.name);
}

function refusals(db: Db): string[] {
  const tries: Array<[string, string]> = [
    ['household_type', `INSERT INTO households (code, county_code, township_code, head_name, size, household_type) VALUES ('T1', '620422', '620422100', '张三', 1, '贫困户')`],
    ['labour', `INSERT INTO members (household_id, name, id_number, labour) VALUES (1, '李四', '${ID}', '壮劳力')`],
    ['welfare_post', `INSERT INTO members (household_id, name, id_number, welfare_post) VALUES (1, '李四', '${ID}', 2)`],
  ];
  return tries.filter(([, sql]) => {
    try {
      db.exec(sql);
      return false;
    } catch (e) {
      return /CHECK constraint failed/.test((e as Error).message);
    }
  }).map(([what]) => what);
}

describe('migration 006 (cheap checks)', () => {
  it('rewrites literal IN lists, leaving other text alone', () => {
    expect(inListsAsOr(`a TEXT CHECK (a IN ('x','y')), b INTEGER CHECK (b IN (0, 1)), c TEXT CHECK (c IN (SELECT 1))`))
      .toBe(`a TEXT CHECK ((a = 'x' OR a = 'y')), b INTEGER CHECK ((b = 0 OR b = 1)), c TEXT CHECK (c IN (SELECT 1))`);
  });

  it('a new ledger has no IN-list checks and still refuses bad values', () => {
    const db = openDatabase(tmp.path('new.db'));
    try {
      expect(tablesWithInLists(db)).toEqual([]);
      db.exec(`INSERT INTO households (code, county_code, township_code, head_name, size) VALUES ('H1', '620422', '620422100', '王五', 1)`);
      expect(refusals(db)).toEqual(['household_type', 'labour', 'welfare_post']);
      db.exec(`INSERT INTO members (household_id, name, id_number, labour, welfare_post) VALUES (1, '李四', '${ID}', '普通劳动力', 1)`);
    } finally {
      db.close();
    }
  });

  it('upgrades a version-5 ledger in place, keeping its rows', () => {
    const path = tmp.path('v5.db');
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    for (const m of MIGRATIONS.slice(0, 5)) m.up(raw);
    raw.pragma('user_version = 5');
    raw.exec(`INSERT INTO regions (code, level, name, parent_code) SELECT '620422', 'county', '会宁县', NULL WHERE NOT EXISTS (SELECT 1 FROM regions WHERE code = '620422')`);
    raw.close();
    const db = openDatabase(path);
    try {
      expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
      expect(tablesWithInLists(db)).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.exec(`INSERT INTO households (code, county_code, township_code, head_name, size) VALUES ('H1', '620422', '620422100', '王五', 1)`);
      expect(refusals(db)).toEqual(['household_type', 'labour', 'welfare_post']);
    } finally {
      db.close();
    }
  });
});
