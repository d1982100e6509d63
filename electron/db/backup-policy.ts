/**
 * When an automatic backup is taken (issue #19, #23 item 2). A full copy before every import cost
 * seconds and ~100 MB each at county scale, while each batch's undo data is already in the audit log
 * (import/write/undo.ts restores exactly from it) and a crash mid-commit rolls back by itself. So:
 * imports and undos take one backup a day, before the day's first of them ('daily'); leaving the
 * demo, a restore and a migration still copy every time (rare, and each replaces much of the file).
 */
import { listRotation, rotateBackup, type RotationEntry } from './backup.ts';
import type { Db } from './types.ts';

/** Reasons covered by the day's backup; any other reason always takes its own copy. */
const DAILY_REASONS = new Set(['import', 'undo']);

function localDay(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Today's automatic backup, if one was taken (any reason: it is a copy of today's data). */
export function todaysBackup(dbPath: string, now = new Date()): RotationEntry | null {
  return listRotation(dbPath).find((e) => e.at.slice(0, 10) === localDay(now)) ?? null;
}

/** Takes the backup the policy asks for before a write; returns its path (an earlier one of today's). */
export async function backupBeforeWrite(db: Db, dbPath: string, reason: string, now = new Date()): Promise<string> {
  if (DAILY_REASONS.has(reason)) {
    const today = todaysBackup(dbPath, now);
    if (today) return today.path;
    return (await rotateBackup(db, dbPath, 'daily')).path;
  }
  return (await rotateBackup(db, dbPath, reason)).path;
}
