/**
 * 经营净收入 as a figure of its own (issue #15). Many township sheets give the household's net business
 * income (生产经营性净收入) without the gross/expense split. Storing it as gross would overstate the
 * 生产经营性收入 column and hide the expense; storing nothing would drop it from 家庭纯收入. So a
 * household year may carry `business_net_fen` instead of the split: when it is not NULL it is the net
 * figure as the file gave it, the split columns are 0, and net_fen uses it in place of gross − expense.
 *
 * net_fen is a STORED generated column, whose expression SQLite cannot alter: the table is rebuilt
 * (SQLite's documented twelve-step procedure, the parts that apply inside one transaction). Its
 * indexes and triggers — those of earlier steps — are read from the schema and created again
 * verbatim, so this step does not restate (or import) another step's SQL. Existing rows get NULL, so
 * every stored net figure stays what it was.
 */
import type { Migration } from './types.ts';

const FEN = (c: string): string => `${c} INTEGER NOT NULL DEFAULT 0 CHECK (${c} >= 0)`;

const TABLE = `
CREATE TABLE income_records_rebuilt (
  household_id INTEGER NOT NULL REFERENCES households(id) ON DELETE CASCADE,
  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 30),
  ${FEN('wage_fen')},
  ${FEN('welfare_post_wage_fen')},
  ${FEN('business_gross_fen')},
  ${FEN('business_expense_fen')},
  -- Net business income given without a split; may be negative (a loss). NULL: use the split.
  business_net_fen INTEGER,
  ${FEN('property_fen')},
  ${FEN('transfer_fen')},
  net_fen INTEGER GENERATED ALWAYS AS (
    wage_fen + coalesce(business_net_fen, business_gross_fen - business_expense_fen) + property_fen + transfer_fen
  ) STORED,
  batch_id INTEGER REFERENCES import_batches(id),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  PRIMARY KEY (household_id, year),
  CHECK (welfare_post_wage_fen <= wage_fen)
) STRICT, WITHOUT ROWID`;

const COLUMNS = 'household_id, year, size, wage_fen, welfare_post_wage_fen, business_gross_fen, business_expense_fen, property_fen, transfer_fen, batch_id, updated_at';

export const migration012: Migration = {
  name: 'business-net',
  up: (db) => {
    const dependents = db.prepare(`SELECT sql FROM sqlite_schema WHERE tbl_name = 'income_records' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid`)
      .pluck().all() as string[];
    db.exec(TABLE);
    db.exec(`INSERT INTO income_records_rebuilt (${COLUMNS}) SELECT ${COLUMNS} FROM income_records`);
    db.exec('DROP TABLE income_records');
    db.exec('ALTER TABLE income_records_rebuilt RENAME TO income_records');
    for (const sql of dependents) db.exec(sql);
  },
};
