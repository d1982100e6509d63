/**
 * 数据核查: department lists (stored apart from the ledger, never joined into it by a write), the
 * editable thresholds of the check rules, check runs and their findings with a state that survives
 * re-runs. A source is deleted as a whole (its rows cascade): department lists hold personal data.
 */
import type { Migration } from './types.ts';

const NOW = `(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`;

const sql = `
CREATE TABLE check_sources (
  id INTEGER PRIMARY KEY,
  dept TEXT NOT NULL CHECK (length(dept) BETWEEN 1 AND 50),
  kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 20),
  as_of TEXT NOT NULL CHECK (as_of GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
  columns TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(columns)),
  counts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts)),
  operator TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;

CREATE TABLE check_source_rows (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES check_sources(id) ON DELETE CASCADE,
  row INTEGER NOT NULL CHECK (row >= 1),
  id_raw TEXT NOT NULL,
  id_number TEXT,
  name TEXT,
  amount_fen INTEGER,
  extra TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extra))
) STRICT;
CREATE INDEX check_source_rows_source ON check_source_rows(source_id);
CREATE INDEX check_source_rows_id ON check_source_rows(id_number);

CREATE TABLE check_thresholds (
  key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 40),
  value REAL NOT NULL,
  updated_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;

CREATE TABLE check_runs (
  id INTEGER PRIMARY KEY,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  counts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts)),
  operator TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ${NOW}
) STRICT;

CREATE TABLE check_findings (
  id INTEGER PRIMARY KEY,
  rule TEXT NOT NULL CHECK (length(rule) BETWEEN 1 AND 10),
  fkey TEXT NOT NULL,
  household_id INTEGER REFERENCES households(id) ON DELETE SET NULL,
  household_code TEXT,
  member_id INTEGER,
  township_code TEXT,
  year INTEGER NOT NULL,
  figures TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(figures)),
  message TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open' CHECK (state = 'open' OR state = 'fixed' OR state = 'exempt' OR state = 'false_positive' OR state = 'closed_by_data'),
  reason TEXT,
  state_operator TEXT,
  state_at TEXT,
  first_run_id INTEGER NOT NULL REFERENCES check_runs(id),
  last_run_id INTEGER NOT NULL REFERENCES check_runs(id),
  closed_run_id INTEGER REFERENCES check_runs(id),
  closed_batch_id INTEGER,
  UNIQUE (rule, fkey, year)
) STRICT;
CREATE INDEX check_findings_township ON check_findings(township_code, rule);
`;

export const migration008: Migration = { name: 'checks', up: (db) => db.exec(sql) };
