/**
 * The database handle every layer above shares. It lives at the bottom (db/) so that queries,
 * the importer, exports and analyses depend on the database, never on the services built on them.
 */
import type BetterSqlite3 from 'better-sqlite3';

export type Db = BetterSqlite3.Database;
