/**
 * Schema v6: the same CHECK constraints, written so SQLite evaluates them cheaply.
 *
 * SQLite compiles a CHECK `x IN ('a','b','c')` into an ephemeral index that is built again on every
 * execution of the INSERT, i.e. for every row: on `members` that was ~9 µs of a ~23 µs insert, the
 * largest single cost of a city-scale import. `(x = 'a' OR x = 'b' OR x = 'c')` accepts and refuses
 * exactly the same values (NULL included: both forms yield NULL, which a CHECK lets through).
 *
 * Because the constraints are logically identical, existing rows already satisfy them and the table
 * need not be rebuilt: the stored CREATE TABLE text is edited in place (replaceTableText below).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Migration } from './types.ts';

const LITERAL = String.raw`(?:'[^']*'|-?\d+)`;
const IN_LIST = new RegExp(String.raw`\b(\w+) IN \((${LITERAL}(?:\s*,\s*${LITERAL})*)\)`, 'g');

/** Rewrites every `col IN (literal, …)` in a CREATE TABLE statement as an OR of equalities. */
export function inListsAsOr(sql: string): string {
  return sql.replace(IN_LIST, (_m, col: string, list: string) => {
    const values = list.match(new RegExp(LITERAL, 'g')) ?? [];
    return `(${values.map((v) => `${col} = ${v}`).join(' OR ')})`;
  });
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
  const tables = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL AND name NOT LIKE 'sqlite_%'`).all() as Array<{ name: string; sql: string }>;
  replaceTableText(db, tables.map((t) => ({ name: t.name, sql: inListsAsOr(t.sql) })).filter((t, i) => t.sql !== tables[i]!.sql));
}

export const migration006: Migration = { name: 'cheap-checks', up };
