/** Helpers for the integrity suite: counts that identify a database state, real corruption, a real change. */
import Database from 'better-sqlite3';
import { closeSync, openSync, readSync, statSync, writeSync } from 'node:fs';
import { auditWriter } from '../../../electron/db/audit.ts';
import type { Db } from '../../../electron/services/context.ts';

export const COUNTED_TABLES = ['households', 'members', 'income_records', 'import_batches', 'audit_log', 'settings'] as const;

export type Counts = Record<(typeof COUNTED_TABLES)[number], number>;

export function countsOf(db: Db): Counts {
  const out = {} as Counts;
  for (const t of COUNTED_TABLES) out[t] = (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return out;
}

/** Opens the file read-only just long enough to count (so the caller's own connections are not involved). */
export function countsOfFile(path: string): Counts {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return countsOf(db);
  } finally {
    db.close();
  }
}

export function integrityOfFile(path: string): string[] {
  const db = new Database(path, { fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check);
  } finally {
    db.close();
  }
}

/**
 * Damages a closed database the way a failing disk does: garbage over the middle of some b-tree
 * pages (b-tree page headers included). Page 1 is left intact, so the file still opens and only a
 * check finds it.
 */
export function corruptPages(path: string, pages: number[], pageSize = 4096): void {
  const fd = openSync(path, 'r+');
  try {
    const total = Math.floor(statSync(path).size / pageSize);
    for (const p of pages) {
      if (p < 2 || p > total) throw new Error(`page ${p} out of range 2..${total}`);
      const junk = Buffer.alloc(pageSize, 0xa5);
      writeSync(fd, junk, 0, junk.length, (p - 1) * pageSize);
    }
  } finally {
    closeSync(fd);
  }
}

export function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const b = Buffer.alloc(100);
    readSync(fd, b, 0, 100, 0);
    return b;
  } finally {
    closeSync(fd);
  }
}

/** A real, audited change to the ledger: removes one year of income for some households. */
export function dropIncomeYear(db: Db, year: number, limit: number, operator = '测试员'): number {
  return db.transaction(() => {
    const audit = auditWriter(db, operator);
    const rows = db.prepare('SELECT household_id FROM income_records WHERE year = ? ORDER BY household_id LIMIT ?').all(year, limit) as Array<{ household_id: number }>;
    const del = db.prepare('DELETE FROM income_records WHERE household_id = ? AND year = ?');
    for (const r of rows) {
      del.run(r.household_id, year);
      audit({ action: 'ledger:remove', table: 'income_records', key: `${r.household_id}/${year}`, householdId: r.household_id });
    }
    return rows.length;
  }).immediate();
}
