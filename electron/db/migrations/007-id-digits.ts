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
 * The column is added with ALTER TABLE; the CHECK text is then swapped in place (replaceTableText below, as
 * migration 006 does), inside the migration's transaction.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './types.ts';

/** GB 11643 weights and the v1 check text exactly as migration 001 wrote it (001 is frozen; copied, not imported). */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function idCheck(col: string): string {
  const sum = ID_WEIGHTS.map((w, i) => `substr(${col},${i + 1},1)*${w}`).join('+');
  const digits = `${col} GLOB '${'[0-9]'.repeat(17)}[0-9X]'`;
  return `length(${col}) = 18 AND ${digits} AND substr('10X98765432', ((${sum}) % 11) + 1, 1) = substr(${col},18,1)`;
}

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

/**
 * SQLite's documented "simpler procedure" for changing a constraint existing rows already satisfy
 * (sqlite.org/lang_altertable.html §7): edit the stored CREATE TABLE text and bump the schema version,
 * no table rebuild. Defensive mode is off for the duration; the caller is inside this step's
 * transaction, so a failure leaves the schema as it was. (A copy per step: steps are frozen and
 * import nothing from each other.)
 */
function replaceTableText(db: BetterSqlite3.Database, tables: ReadonlyArray<{ name: string; sql: string }>): void {
  if (tables.length === 0) return;
  const version = db.pragma('schema_version', { simple: true }) as number;
  db.unsafeMode(true);
  try {
    db.pragma('writable_schema = ON');
    const update = db.prepare(`UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = ?`);
    for (const t of tables) update.run(t.sql, t.name);
    db.pragma(`schema_version = ${version + 1}`);
    db.pragma('writable_schema = OFF');
  } finally {
    db.unsafeMode(false);
  }
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

export const migration007: Migration = { name: 'id-digits', up };
