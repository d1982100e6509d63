/**
 * Schema v2 (ledger): what the ledger's list queries need to answer any page of a city-scale
 * ledger from an index instead of a table scan.
 *
 * - Search: member name (prefix range), the ID's last four characters (an expression index: "the
 *   last 4–6 digits" is the commonest way a caller on the phone identifies a person), head name.
 * - Filters: household type, monitoring category, relocated, the member's labour, sex and age.
 * - Sorting by per-capita income and by its change since last year: these depend on two income
 *   rows, so `household_year_figures` keeps one row per household and year with the previous
 *   year's net and size beside it, maintained by triggers on income_records. Whoever writes income
 *   (import, ledger corrections, undo) keeps it right without knowing it exists.
 * Every statement is IF NOT EXISTS (triggers are replaced): a development database made by an earlier
 * draft of this step may already hold part of it (see ../migrate.ts, legacy databases).
 */
import type { Migration } from './types.ts';

const figures = `
CREATE TABLE IF NOT EXISTS household_year_figures (
  household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  size INTEGER NOT NULL CHECK (size >= 1),
  net_fen INTEGER NOT NULL,
  prev_size INTEGER,
  prev_net_fen INTEGER,
  -- The household's county, copied here so county-wide figure queries (the commonest scope) are
  -- answered from this table's indexes without a lookup per household; kept by triggers.
  county_code TEXT,
  -- Fen per person. A REAL quotient of two integers is exact enough to order and to compare with a
  -- line: two different quotients with divisors ≤ 30 differ by ≥ 1/900 fen, far above rounding error.
  per_capita REAL GENERATED ALWAYS AS (CAST(net_fen AS REAL) / size) VIRTUAL,
  change REAL GENERATED ALWAYS AS (
    CASE WHEN prev_size IS NULL THEN NULL ELSE CAST(net_fen AS REAL) / size - CAST(prev_net_fen AS REAL) / prev_size END
  ) VIRTUAL,
  -- Cross-multiplied like the stats query, so the flag agrees with the 两类群体 counts exactly.
  decreased INTEGER GENERATED ALWAYS AS (prev_size IS NOT NULL AND net_fen * prev_size < prev_net_fen * size) VIRTUAL,
  PRIMARY KEY (household_id, year)
) STRICT, WITHOUT ROWID;
`;

/** Indexes and backfill of the figures; run after any column a draft of this step lacked is added. */
const figureIndexes = `
CREATE INDEX IF NOT EXISTS household_year_figures_pc ON household_year_figures(year, per_capita);
CREATE INDEX IF NOT EXISTS household_year_figures_change ON household_year_figures(year, change);
-- decreased is in the key (not a partial index's condition) so a count of the year's fallen
-- households is answered from the index alone.
DROP INDEX IF EXISTS household_year_figures_decreased;
CREATE INDEX IF NOT EXISTS household_year_figures_flags ON household_year_figures(year, decreased, per_capita);
CREATE INDEX IF NOT EXISTS household_year_figures_county_pc ON household_year_figures(year, county_code, per_capita);
CREATE INDEX IF NOT EXISTS household_year_figures_county_flags ON household_year_figures(year, county_code, decreased, per_capita);

INSERT OR IGNORE INTO household_year_figures (household_id, year, size, net_fen, prev_size, prev_net_fen, county_code)
  SELECT r.household_id, r.year, r.size, r.net_fen, p.size, p.net_fen, h.county_code
  FROM income_records r JOIN households h ON h.id = r.household_id
  LEFT JOIN income_records p ON p.household_id = r.household_id AND p.year = r.year - 1;
UPDATE household_year_figures SET county_code = (SELECT county_code FROM households WHERE id = household_id) WHERE county_code IS NULL;
`;

/**
 * Statements shared by the triggers: (re)write a year's row, and fix the following year's "previous".
 * Delete-then-insert rather than INSERT OR REPLACE: an outer UPSERT or INSERT OR … overrides the
 * conflict clause of statements inside a trigger, and the trigger must work under any of them.
 */
const putRow = (rec: 'NEW') => `
  DELETE FROM household_year_figures WHERE household_id = ${rec}.household_id AND year = ${rec}.year;
  INSERT INTO household_year_figures (household_id, year, size, net_fen, prev_size, prev_net_fen, county_code)
    SELECT ${rec}.household_id, ${rec}.year, ${rec}.size, ${rec}.net_fen, p.size, p.net_fen,
      (SELECT county_code FROM households WHERE id = ${rec}.household_id)
    FROM (SELECT 1) LEFT JOIN income_records p ON p.household_id = ${rec}.household_id AND p.year = ${rec}.year - 1;
  UPDATE household_year_figures SET prev_size = ${rec}.size, prev_net_fen = ${rec}.net_fen
    WHERE household_id = ${rec}.household_id AND year = ${rec}.year + 1;`;

const dropRow = `
  DELETE FROM household_year_figures WHERE household_id = OLD.household_id AND year = OLD.year;
  UPDATE household_year_figures SET prev_size = NULL, prev_net_fen = NULL
    WHERE household_id = OLD.household_id AND year = OLD.year + 1;`;

/** Dropped and created again, so a database with an earlier draft of this step gets the current bodies. */
const triggers = `
DROP TRIGGER IF EXISTS income_records_figures_ai;
DROP TRIGGER IF EXISTS income_records_figures_au;
DROP TRIGGER IF EXISTS income_records_figures_ad;
DROP TRIGGER IF EXISTS households_figures_county;
CREATE TRIGGER income_records_figures_ai AFTER INSERT ON income_records BEGIN ${putRow('NEW')} END;
CREATE TRIGGER income_records_figures_au AFTER UPDATE ON income_records BEGIN ${dropRow} ${putRow('NEW')} END;
CREATE TRIGGER income_records_figures_ad AFTER DELETE ON income_records BEGIN ${dropRow} END;
CREATE TRIGGER households_figures_county AFTER UPDATE OF county_code ON households BEGIN
  UPDATE household_year_figures SET county_code = NEW.county_code WHERE household_id = NEW.id;
END;
`;

const indexes = `
CREATE INDEX IF NOT EXISTS members_name ON members(name, household_id);
CREATE INDEX IF NOT EXISTS members_id_tail ON members(substr(id_number, 15));
CREATE INDEX IF NOT EXISTS members_birth ON members(birth_date);
CREATE INDEX IF NOT EXISTS members_sex_birth ON members(sex, birth_date);
CREATE INDEX IF NOT EXISTS members_labour ON members(labour, work_place_class);
CREATE INDEX IF NOT EXISTS members_work_place ON members(work_place_class);
CREATE INDEX IF NOT EXISTS members_welfare_post ON members(household_id) WHERE welfare_post = 1;
CREATE INDEX IF NOT EXISTS households_head_name ON households(head_name);
CREATE INDEX IF NOT EXISTS households_size ON households(size);
CREATE INDEX IF NOT EXISTS households_type ON households(household_type);
CREATE INDEX IF NOT EXISTS households_monitoring ON households(monitoring_category) WHERE monitoring_category IS NOT NULL;
CREATE INDEX IF NOT EXISTS households_relocated ON households(county_code, township_code) WHERE relocated = 1;
CREATE INDEX IF NOT EXISTS households_county_code ON households(county_code, code);
CREATE INDEX IF NOT EXISTS households_township_code ON households(township_code, code);
CREATE INDEX IF NOT EXISTS households_village_code ON households(village_code, code);
`;

export const migration002: Migration = {
  name: 'ledger-indexes',
  up: (db) => {
    db.exec(figures);
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all('household_year_figures') as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'county_code')) db.exec('ALTER TABLE household_year_figures ADD COLUMN county_code TEXT');
    db.exec(figureIndexes);
    db.exec(triggers);
    db.exec(indexes);
  },
};
