import type BetterSqlite3 from 'better-sqlite3';

/** A numbered schema step. `up` runs inside the migration's own transaction. Never edit a shipped one. */
export interface Migration {
  version: number;
  name: string;
  up: (db: BetterSqlite3.Database) => void;
}
