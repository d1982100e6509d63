/**
 * While an import writes, a marker `.<ledger>.importing-<pid>` stands beside the ledger. SQLite
 * only says "database is locked"; the marker lets another window or a CLI command that waited for
 * the lock say 正在导入，请稍后 instead of blaming a second copy of the app (issue #18 item 5).
 * A marker whose process is gone (a killed import) means nothing and is swept at the next start.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

function prefix(dbPath: string): string {
  return `.${basename(dbPath)}.importing-`;
}

/** Is process `pid` running (EPERM: running, under another user)? */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function markers(dbPath: string): Array<{ path: string; pid: number }> {
  if (dbPath === ':memory:' || dbPath === '') return [];
  const p = prefix(dbPath);
  try {
    return readdirSync(dirname(dbPath)).filter((n) => n.startsWith(p)).map((n) => ({ path: join(dirname(dbPath), n), pid: Number(n.slice(p.length)) }));
  } catch {
    return [];
  }
}

/** Puts the marker up; the returned function takes it down. Never fails the import. */
export function markImporting(dbPath: string): () => void {
  if (dbPath === ':memory:' || dbPath === '') return () => undefined;
  const path = join(dirname(dbPath), `${prefix(dbPath)}${process.pid}`);
  try {
    writeFileSync(path, new Date().toISOString());
  } catch {
    return () => undefined; // Read-only or full folder: the import itself will say so.
  }
  return () => rmSync(path, { force: true });
}

/** Is an import (of this process or another live one) writing to the ledger at `dbPath`? */
export function importInProgress(dbPath: string): boolean {
  return markers(dbPath).some((m) => processAlive(m.pid));
}

/** Removes the markers of processes that are gone; returns their paths. */
export function sweepImportMarkers(dbPath: string): string[] {
  const stale = markers(dbPath).filter((m) => !processAlive(m.pid));
  for (const m of stale) rmSync(m.path, { force: true });
  return stale.map((m) => m.path);
}
