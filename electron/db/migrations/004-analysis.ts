/**
 * Schema v4 (analysis): pre-aggregated income sums per year and village, and a histogram of
 * household per-capita income per year, village and 1,000-yuan bin. A city-wide view then reads a
 * few thousand rows instead of joining 350k income records to their households (≈8× a plain scan).
 *
 * Kept current without relying on every writer: triggers mark the township of any changed income
 * record or household as dirty, and readers refresh dirty townships first
 * (electron/db/queries/analysis-aggregates.ts). The thresholds the counts were made with are stored,
 * so editing the 8,000 line or the monitoring floor is noticed and the counts are redone.
 */
import type { Migration } from './types.ts';

const KEY = `year INTEGER NOT NULL, county_code TEXT NOT NULL, township_code TEXT NOT NULL, village_key TEXT NOT NULL`;

/** Idempotent, so a development database that reached v5 before 004 existed can be given it on first use. */
export const ANALYSIS_SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS analysis_village_year (
  ${KEY},
  households INTEGER NOT NULL, persons INTEGER NOT NULL,
  net_fen INTEGER NOT NULL, wage_fen INTEGER NOT NULL, business_fen INTEGER NOT NULL,
  property_fen INTEGER NOT NULL, transfer_fen INTEGER NOT NULL,
  below_line INTEGER NOT NULL, below_floor INTEGER NOT NULL, decreased INTEGER NOT NULL,
  relocated INTEGER NOT NULL, any_category INTEGER NOT NULL,
  PRIMARY KEY (year, county_code, township_code, village_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS analysis_village_year_township ON analysis_village_year(township_code);

CREATE TABLE IF NOT EXISTS analysis_histogram (
  ${KEY},
  bin INTEGER NOT NULL CHECK (bin >= 0),
  households INTEGER NOT NULL,
  PRIMARY KEY (year, county_code, township_code, village_key, bin)
) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS analysis_histogram_township ON analysis_histogram(township_code);

-- The line and floor (fen) the stored counts were computed with, per year.
CREATE TABLE IF NOT EXISTS analysis_thresholds (
  year INTEGER PRIMARY KEY,
  line_fen INTEGER NOT NULL,
  floor_fen INTEGER
) STRICT;

CREATE TABLE IF NOT EXISTS analysis_dirty (township_code TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;

CREATE TRIGGER IF NOT EXISTS analysis_income_insert AFTER INSERT ON income_records BEGIN
  INSERT INTO analysis_dirty SELECT DISTINCT h.township_code FROM households h WHERE h.id IN (NEW.household_id) AND NOT EXISTS (SELECT 1 FROM analysis_dirty d WHERE d.township_code = h.township_code);
END;
CREATE TRIGGER IF NOT EXISTS analysis_income_update AFTER UPDATE ON income_records BEGIN
  INSERT INTO analysis_dirty SELECT DISTINCT h.township_code FROM households h WHERE h.id IN (OLD.household_id, NEW.household_id) AND NOT EXISTS (SELECT 1 FROM analysis_dirty d WHERE d.township_code = h.township_code);
END;
CREATE TRIGGER IF NOT EXISTS analysis_income_delete AFTER DELETE ON income_records BEGIN
  INSERT INTO analysis_dirty SELECT DISTINCT h.township_code FROM households h WHERE h.id IN (OLD.household_id) AND NOT EXISTS (SELECT 1 FROM analysis_dirty d WHERE d.township_code = h.township_code);
END;
-- A cascaded delete may run the income trigger after the household row is gone: mark it here too.
CREATE TRIGGER IF NOT EXISTS analysis_household_delete AFTER DELETE ON households BEGIN
  INSERT INTO analysis_dirty SELECT OLD.township_code WHERE NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE township_code = OLD.township_code);
END;
CREATE TRIGGER IF NOT EXISTS analysis_household_update AFTER UPDATE OF county_code, township_code, village_code, relocated ON households BEGIN
  INSERT INTO analysis_dirty SELECT OLD.township_code WHERE NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE township_code = OLD.township_code);
  INSERT INTO analysis_dirty SELECT NEW.township_code WHERE NOT EXISTS (SELECT 1 FROM analysis_dirty WHERE township_code = NEW.township_code);
END;

-- An existing ledger starts fully dirty; the first read builds the aggregates.
INSERT OR IGNORE INTO analysis_dirty SELECT DISTINCT township_code FROM households;
`;

export const migration004: Migration = { name: 'analysis', up: (db) => db.exec(ANALYSIS_SCHEMA_SQL) };
