/**
 * Temp files written outside the ledger's own folders — a backup being written to a USB stick, an
 * export's `<out>.part` — are noted beside the ledger while they are written
 * (`.<ledger>.pending-<pid>-<ms>-<n>`, holding the temp's path). A killed process leaves its note;
 * the sweep at the next start removes the temp it names and the note (issue #18 item 4: killed
 * backups left full-data copies that nothing ever removed).
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { processAlive } from './import-marker.ts';

let counter = 0;

function notePrefix(dbPath: string): string {
  return `.${basename(dbPath)}.pending-`;
}

/** A real ledger file (not `:memory:`, not a URI such as a read-only medium's immutable open). */
function noteable(dbPath: string): boolean {
  return dbPath !== '' && dbPath !== ':memory:' && !dbPath.startsWith('file:');
}

/** Notes `temp` as being written by this process; the returned function removes the note. */
export function notePending(dbPath: string, temp: string): () => void {
  if (!noteable(dbPath)) return () => undefined;
  const note = join(dirname(dbPath), `${notePrefix(dbPath)}${process.pid}-${Date.now()}-${counter++}`);
  try {
    writeFileSync(note, temp);
  } catch {
    return () => undefined; // A read-only or full ledger folder: the write itself will say what is wrong.
  }
  return () => rmSync(note, { force: true });
}

/** Removes the temps (and their SQLite side files) noted by processes that are gone; returns them. */
export function sweepPending(dbPath: string): string[] {
  if (!noteable(dbPath)) return [];
  const prefix = notePrefix(dbPath);
  let names: string[];
  try {
    names = readdirSync(dirname(dbPath)).filter((n) => n.startsWith(prefix));
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (processAlive(pid)) continue;
    const note = join(dirname(dbPath), name);
    const temp = readFileSync(note, 'utf8').trim();
    // Only a temp name this app gives (`.NAME.PID.MS.tmp`, `<out>.part`) is ever removed.
    if (/(\.tmp|\.part)$/.test(temp)) {
      for (const f of [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`]) rmSync(f, { force: true });
      removed.push(temp);
    }
    rmSync(note, { force: true });
  }
  return removed;
}
