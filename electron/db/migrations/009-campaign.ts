/**
 * 年度采集 / 动态调整: natural changes of the population with coded reasons. A row keeps the
 * household's code and region and the person's name and ID as they were, so a member or household
 * that leaves the ledger (the row in members/households is deleted, its snapshot audited) is still
 * counted by reason, township and year. No foreign key to households for that reason.
 */
import type { Migration } from './types.ts';

const REASONS = ['死亡', '出生', '婚入', '婚出', '分户', '合户', '迁入', '迁出', '参军', '考入学校', '服刑', '其他'];

const sql = `
CREATE TABLE natural_changes (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  change_date TEXT NOT NULL CHECK (change_date GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  reason TEXT NOT NULL CHECK (${REASONS.map((r) => `reason = '${r}'`).join(' OR ')}),
  note TEXT CHECK (note IS NULL OR length(note) <= 200),
  county_code TEXT NOT NULL REFERENCES regions(code),
  township_code TEXT NOT NULL REFERENCES regions(code),
  household_code TEXT NOT NULL,
  household_id INTEGER,
  person_name TEXT CHECK (person_name IS NULL OR length(person_name) <= 50),
  id_number TEXT CHECK (id_number IS NULL OR length(id_number) = 18),
  left_ledger INTEGER NOT NULL DEFAULT 0 CHECK (left_ledger = 0 OR left_ledger = 1),
  operator TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  CHECK (reason <> '其他' OR (note IS NOT NULL AND length(trim(note)) >= 2))
) STRICT;
CREATE INDEX natural_changes_year ON natural_changes(year, township_code);
`;

export const migration009: Migration = { name: 'campaign', up: (db) => db.exec(sql) };
