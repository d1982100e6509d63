/**
 * Prepared statements of the list queries, kept per database by SQL text. Preparing costs about as
 * much as running a page of a well-indexed query, and the list runs once per scroll step.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../types.ts';

const MAX_PER_DB = 200;
const caches = new WeakMap<Db, Map<string, BetterSqlite3.Statement>>();

export function cachedStatement(db: Db, sql: string): BetterSqlite3.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    // Filter combinations are many; keep the cache bounded (oldest first out).
    if (cache.size >= MAX_PER_DB) cache.delete(cache.keys().next().value as string);
    cache.set(sql, stmt);
  }
  return stmt;
}
