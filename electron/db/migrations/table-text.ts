/**
 * SQLite's documented "simpler procedure" for changing a constraint that existing rows already
 * satisfy (sqlite.org/lang_altertable.html §7): edit the stored CREATE TABLE text and bump the
 * schema version, no table rebuild. It needs better-sqlite3's defensive mode off for the duration;
 * callers run inside their migration's transaction, so a failure leaves the schema as it was.
 */
import type BetterSqlite3 from 'better-sqlite3';

export function replaceTableText(db: BetterSqlite3.Database, tables: ReadonlyArray<{ name: string; sql: string }>): void {
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
