/**
 * The working-day calendar and the case time limits as stored (both editable, both audited): the
 * seeds come from shared/cases (holidays.ts, deadlines.ts) through db/seed-cases.ts.
 */
import type { Db } from '../db/types.ts';
import type { AuditWriter } from '../db/audit.ts';
import type { CalendarResult, RuleRow } from '../../shared/api/cases.ts';
import { makeCalendar, isValidDate, uncoveredYears, type DayKind, type WorkCalendar } from '../../shared/cases/calendar.ts';
import { DEFAULT_RULES, RULE_SEEDS, type CaseRules, type RuleKey } from '../../shared/cases/deadlines.ts';
import { AppError } from '../../shared/errors.ts';

export function loadCalendar(db: Db): WorkCalendar {
  const rows = db.prepare('SELECT day AS date, kind, name FROM work_calendar').all() as Array<{ date: string; kind: DayKind; name: string }>;
  return makeCalendar(rows);
}

export function loadRules(db: Db): CaseRules {
  const rows = db.prepare('SELECT key, days FROM case_rules').all() as Array<{ key: string; days: number }>;
  const out: CaseRules = { ...DEFAULT_RULES };
  for (const r of rows) if (r.key in out) out[r.key as RuleKey] = r.days;
  return out;
}

export function listRules(db: Db): RuleRow[] {
  const stored = new Map((db.prepare('SELECT key, days, source FROM case_rules').all() as Array<{ key: string; days: number; source: string }>).map((r) => [r.key, r]));
  return RULE_SEEDS.map((s) => ({
    key: s.key, label: s.label, unit: s.unit, days: stored.get(s.key)?.days ?? s.days, source: stored.get(s.key)?.source ?? s.source, defaultDays: s.days,
  }));
}

export function setRule(db: Db, audit: AuditWriter, key: RuleKey, days: number, source: string | undefined): RuleRow[] {
  const before = listRules(db).find((r) => r.key === key)!;
  const src = source && source.length > 0 ? source : before.source;
  db.prepare(`INSERT INTO case_rules (key, days, source) VALUES (?, ?, ?)
    ON CONFLICT(key) DO UPDATE SET days = excluded.days, source = excluded.source, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')`).run(key, days, src);
  audit({ action: 'case:rule', table: 'case_rules', key, field: 'days', old: before.days, new: days, detail: { label: before.label, unit: before.unit, source: src } });
  return listRules(db);
}

export function calendarYear(db: Db, year: number): CalendarResult {
  const days = db.prepare(`SELECT day AS date, kind, name, source FROM work_calendar WHERE day >= ? AND day <= ? ORDER BY day`)
    .all(`${year}-01-01`, `${year}-12-31`) as CalendarResult['days'];
  return { year, covered: days.length > 0, days };
}

/** '普通' removes the day's entry (it counts by its weekday again). */
export function setDay(db: Db, audit: AuditWriter, date: string, kind: DayKind | '普通', name: string | undefined): CalendarResult {
  if (!isValidDate(date)) throw new AppError('validation', `日期 ${date} 不存在。`, { field: 'date' });
  const old = db.prepare('SELECT kind, name FROM work_calendar WHERE day = ?').get(date) as { kind: DayKind; name: string } | undefined;
  if (kind === '普通') {
    if (!old) throw new AppError('validation', `${date} 不在节假日表中，无需恢复。`, { field: 'date' });
    db.prepare('DELETE FROM work_calendar WHERE day = ?').run(date);
  } else {
    const label = name ?? old?.name ?? (kind === '休' ? '放假' : '调休上班');
    db.prepare(`INSERT INTO work_calendar (day, kind, name, source) VALUES (?, ?, ?, '操作员修改')
      ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, name = excluded.name, source = excluded.source`).run(date, kind, label);
  }
  audit({ action: 'case:calendar', table: 'work_calendar', key: date, field: 'kind', old: old ? `${old.kind}（${old.name}）` : null, new: kind === '普通' ? null : kind });
  return calendarYear(db, Number(date.slice(0, 4)));
}

/** The Chinese warning for dates in years the calendar does not cover, or null. */
export function calendarWarning(cal: WorkCalendar, from: string, to: string): string | null {
  const years = uncoveredYears(cal, from, to);
  if (years.length === 0) return null;
  return `${years.join('、')} 年的节假日安排未录入工作日历，这些年份只按周末扣除计算工作日；请在“工作日历”中补录国务院办公厅的放假通知。`;
}
