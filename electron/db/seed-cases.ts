/**
 * Seeds the case time limits, Gansu's monitoring line and the working-day calendar. Time limits: a missing key is added
 * (never overwritten). Calendar: a year is seeded once (recorded in meta `calendar-seeded`), so a
 * steward's edits and deletions in that year stay, and a release carrying a new year's notice adds it.
 */
import { holidaySeed, SEEDED_HOLIDAY_YEARS } from '../../shared/cases/holidays.ts';
import { RULE_SEEDS } from '../../shared/cases/deadlines.ts';
import { MONITORING_LINE_SEEDS, PROVINCE_SCOPE } from '../../shared/cases/monitoring-line.ts';
import { getMeta, setMeta } from './meta.ts';
import type { Db } from './types.ts';

const SEEDED_KEY = 'calendar-seeded';

export function seedCaseData(db: Db): void {
  const rule = db.prepare('INSERT OR IGNORE INTO case_rules (key, days, source) VALUES (?, ?, ?)');
  for (const r of RULE_SEEDS) rule.run(r.key, r.days, r.source);
  // A row the steward already has (even emptied to NULL) is kept: the UNIQUE key makes this a no-op.
  const line = db.prepare(`INSERT OR IGNORE INTO reference_values (kind, year, scope_code, metric, value, source, verified)
    VALUES ('threshold', ?, ?, 'monitoringFloor', ?, ?, 0)`);
  for (const l of MONITORING_LINE_SEEDS) line.run(l.year, PROVINCE_SCOPE, l.value, l.source);
  const done = new Set<number>(JSON.parse(getMeta(db, SEEDED_KEY) ?? '[]') as number[]);
  const todo = SEEDED_HOLIDAY_YEARS.filter((y) => !done.has(y));
  if (todo.length === 0) return;
  const day = db.prepare('INSERT OR IGNORE INTO work_calendar (day, kind, name, source) VALUES (?, ?, ?, ?)');
  for (const y of todo) for (const d of holidaySeed(y)) day.run(d.date, d.kind, d.name, d.source);
  setMeta(db, SEEDED_KEY, JSON.stringify([...done, ...todo].sort()));
}
