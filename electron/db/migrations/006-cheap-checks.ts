/**
 * Schema v6: the same CHECK constraints, written so SQLite evaluates them cheaply.
 *
 * SQLite compiles a CHECK `x IN ('a','b','c')` into an ephemeral index that is built again on every
 * execution of the INSERT, i.e. for every row: on `members` that was ~9 µs of a ~23 µs insert, the
 * largest single cost of a city-scale import. `(x = 'a' OR x = 'b' OR x = 'c')` accepts and refuses
 * exactly the same values (NULL included: both forms yield NULL, which a CHECK lets through).
 *
 * Because the constraints are logically identical, existing rows already satisfy them and the table
 * need not be rebuilt: the stored CREATE TABLE text is edited in place (table-text.ts).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { replaceTableText } from './table-text.ts';
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

function up(db: BetterSqlite3.Database): void {
  const tables = db.prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND sql IS NOT NULL AND name NOT LIKE 'sqlite_%'`).all() as Array<{ name: string; sql: string }>;
  replaceTableText(db, tables.map((t) => ({ name: t.name, sql: inListsAsOr(t.sql) })).filter((t, i) => t.sql !== tables[i]!.sql));
}

export const migration006: Migration = { version: 6, name: 'cheap-checks', up };
