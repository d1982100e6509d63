import type BetterSqlite3 from 'better-sqlite3';

/** A numbered schema step. `up` runs inside the migration's own transaction. Never edit a shipped one. */
export interface Migration {
  version: number;
  name: string;
  up: (db: BetterSqlite3.Database) => void;
  /**
   * Numbers are reserved per area, so a step can land after a higher one: a database already at a
   * higher user_version would skip it. A step that may arrive late says here whether its schema is
   * present; when it is not, the step runs even below the database's version.
   */
  applied?: (db: BetterSqlite3.Database) => boolean;
}
