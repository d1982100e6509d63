/**
 * Temp files a killed backup, restore or migration leaves behind (full-data copies under a name
 * nobody looks at): swept at the next start (issue #18 item 4). Only this app's own temp names
 * (`.NAME.PID.MS.tmp` in backup.ts and restore.ts, `.NAME.restoring-PID-MS.tmp` in restore-encrypted.ts) are touched, and never one whose process is
 * still running.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { backupDirFor } from './backup.ts';
import { processAlive as alive, sweepImportMarkers } from './import-marker.ts';
import { sweepPending } from './pending-temps.ts';

const TEMP = /^\..+[.-](\d+)[.-](\d+)\.tmp(-wal|-shm|-journal)?$/;
const DAY_MS = 24 * 3600 * 1000;

/** Removes the leftovers beside `dbPath` and in its backup folder; returns what was removed. */
export function sweepLeftovers(dbPath: string, now = Date.now()): string[] {
  if (dbPath === ':memory:' || dbPath === '') return [];
  const removed: string[] = [...sweepImportMarkers(dbPath), ...sweepPending(dbPath)];
  for (const dir of [dirname(dbPath), backupDirFor(dbPath)]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const m = TEMP.exec(name);
      if (!m) continue;
      const path = join(dir, name);
      // A live pid may be a reused one after a reboot: a day-old temp file is stale either way.
      if (alive(Number(m[1])) && now - statSync(path).mtimeMs < DAY_MS) continue;
      rmSync(path, { force: true });
      removed.push(path);
    }
  }
  return removed;
}
