/** Editable thresholds: the stored value, else the catalogue's default. */
import { THRESHOLDS, type ThresholdKey, type Thresholds } from '../../shared/checks/catalogue.ts';
import type { Db } from '../db/types.ts';

export function readThresholds(db: Db): Thresholds {
  const stored = new Map((db.prepare('SELECT key, value FROM check_thresholds').all() as Array<{ key: string; value: number }>).map((r) => [r.key, r.value]));
  const out = {} as Thresholds;
  for (const k of Object.keys(THRESHOLDS) as ThresholdKey[]) out[k] = stored.get(k) ?? THRESHOLDS[k].default;
  return out;
}

/** Returns the previous value so the caller can audit old → new. */
export function writeThreshold(db: Db, key: ThresholdKey, value: number): number {
  const old = readThresholds(db)[key];
  db.prepare(`INSERT INTO check_thresholds (key, value) VALUES (?, ?)
    ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`).run(key, value);
  return old;
}
