import type BetterSqlite3 from 'better-sqlite3';

/**
 * One schema step, known by its name (recorded in `schema_migrations` when applied). `up` runs inside
 * the step's own transaction. Once merged a step is frozen: never edit it, never import from another
 * step (tests/unit/electron/migrations-frozen.test.ts holds the shipped files' digests).
 */
export interface Migration {
  name: string;
  up: (db: BetterSqlite3.Database) => void;
}
