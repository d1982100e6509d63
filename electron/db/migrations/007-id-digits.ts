/**
 * Schema v7: the ID-number check digit, the same rule computed ~3× cheaper.
 *
 * v1 wrote the GB 11643 check as `substr(id, i, 1) * w` for each of the 17 digits: 17 function calls
 * and 17 text-to-number conversions on every insert of a member or a household, ~5 µs of a ~20 µs
 * member insert at city scale. A CHECK cannot name a subexpression, but a generated column can: the
 * first 17 digits as one integer (`id_digits`, VIRTUAL, so nothing is stored) are computed once per
 * row before the CHECKs run, and each digit is then integer arithmetic on it. The GLOB that precedes
 * the sum guarantees 17 decimal digits, so the integer is exact and the rule is unchanged: the same
 * values are accepted and refused (tests/integration/ledger/id-digits.test.ts).
 *
 * The column is added with ALTER TABLE; the CHECK text is then swapped in place (table-text.ts, as
 * migration 006 does), inside the migration's transaction.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { ID_WEIGHTS, idCheck } from './001-init.ts';
import { replaceTableText } from './table-text.ts';
import type { Migration } from './types.ts';

const TABLES = [
  { table: 'members', id: 'id_number', digits: 'id_digits' },
  { table: 'households', id: 'head_id_number', digits: 'head_id_digits' },
] as const;

/** The v7 check: as v1's, with the weighted sum taken from the digits column. */
export function idDigitsCheck(col: string, digits: string): string {
  const sum = ID_WEIGHTS.map((w, i) => `${digits} / ${10n ** BigInt(16 - i)} % 10 * ${w}`).join(' + ');
  const form = `${col} GLOB '${'[0-9]'.repeat(17)}[0-9X]'`;
  return `length(${col}) = 18 AND ${form} AND substr('10X98765432', ((${sum}) % 11) + 1, 1) = substr(${col},18,1)`;
}

function up(db: BetterSqlite3.Database): void {
  const tableSql = db.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`).pluck();
  const next: Array<{ name: string; sql: string }> = [];
  for (const t of TABLES) {
    db.exec(`ALTER TABLE ${t.table} ADD COLUMN ${t.digits} INTEGER GENERATED ALWAYS AS (CAST(substr(${t.id}, 1, 17) AS INTEGER)) VIRTUAL`);
    const sql = tableSql.get(t.table) as string;
    const old = idCheck(t.id);
    if (sql.split(old).length !== 2) throw new Error(`migration 007: ${t.table} does not hold the v1 ID check exactly once`);
    next.push({ name: t.table, sql: sql.replace(old, idDigitsCheck(t.id, t.digits)) });
  }
  replaceTableText(db, next);
}

export const migration007: Migration = { version: 7, name: 'id-digits', up };
