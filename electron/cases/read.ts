/** Reading cases: the list with states and deadlines (overdue first), and one case with its steps. */
import type { Db } from '../db/types.ts';
import type { CaseDetail, CaseRow, CasesResult, CaseStepDto } from '../../shared/api/cases.ts';
import type { ChecklistResult } from '../../shared/cases/checklist.ts';
import { confirmedResults } from '../../shared/cases/checklist.ts';
import { caseTiming, type CaseRules } from '../../shared/cases/deadlines.ts';
import type { WorkCalendar } from '../../shared/cases/calendar.ts';
import { NEXT_WORK, TRANSITIONS, type CaseSource, type CaseState } from '../../shared/cases/states.ts';
import type { MonitoringCategory } from '../../shared/domain/plans.ts';
import { AppError } from '../../shared/errors.ts';
import { calendarWarning, loadCalendar, loadRules } from './calendar.ts';
import { incomeItem } from './line.ts';

interface Stored {
  id: number; household_id: number | null; household_code: string; head_name: string; county_code: string; township_code: string;
  tname: string | null; village_code: string | null; vname: string | null; source: CaseSource; category: MonitoringCategory | null;
  risk_types: string; state: CaseState; state_date: string; clue_date: string; plan_id: number | null; note: string | null;
}

const SELECT = `SELECT c.*, t.name AS tname, v.name AS vname FROM monitoring_cases c
  LEFT JOIN regions t ON t.code = c.township_code LEFT JOIN regions v ON v.code = c.village_code`;

/** Local calendar date of the machine (the steward's day), YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function stepsOf(db: Db, ids: number[]): Map<number, Array<{ state: CaseState; date: string }>> {
  const out = new Map<number, Array<{ state: CaseState; date: string }>>();
  if (ids.length === 0) return out;
  const rows = db.prepare(`SELECT case_id, state, step_date FROM case_steps WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, id`)
    .all(JSON.stringify(ids)) as Array<{ case_id: number; state: CaseState; step_date: string }>;
  for (const r of rows) {
    const list = out.get(r.case_id) ?? [];
    list.push({ state: r.state, date: r.step_date });
    out.set(r.case_id, list);
  }
  return out;
}

function toRow(s: Stored, steps: Array<{ state: CaseState; date: string }>, cal: WorkCalendar, rules: CaseRules, asOf: string): CaseRow {
  return {
    id: s.id, householdId: s.household_id, householdCode: s.household_code, headName: s.head_name,
    township: s.township_code, townshipName: s.tname ?? s.township_code, village: s.village_code, villageName: s.vname,
    source: s.source, category: s.category, riskTypes: JSON.parse(s.risk_types) as string[], state: s.state, stateDate: s.state_date,
    next: NEXT_WORK[s.state], timing: caseTiming(cal, rules, steps, asOf),
  };
}

export function listCases(db: Db, a: { state?: CaseState; overdue?: boolean; county?: string; township?: string; village?: string; asOf?: string; limit?: number }): CasesResult {
  const asOf = a.asOf ?? today();
  const stored = db.prepare(`${SELECT} WHERE (@county IS NULL OR c.county_code = @county) AND (@township IS NULL OR c.township_code = @township) AND (@village IS NULL OR c.village_code = @village)
    ORDER BY c.id`).all({ county: a.county ?? null, township: a.township ?? null, village: a.village ?? null }) as Stored[];
  const cal = loadCalendar(db);
  const rules = loadRules(db);
  const steps = stepsOf(db, stored.map((s) => s.id));
  const all = stored.map((s) => toRow(s, steps.get(s.id) ?? [{ state: '线索', date: s.clue_date }], cal, rules, asOf));
  const counts: CasesResult['counts'] = {};
  for (const r of all) counts[r.state] = (counts[r.state] ?? 0) + 1;
  const rows = all.filter((r) => (!a.state || r.state === a.state) && (!a.overdue || r.timing.overdue))
    .sort((x, y) => Number(y.timing.overdue) - Number(x.timing.overdue) || (x.timing.daysLeft ?? 1e9) - (y.timing.daysLeft ?? 1e9) || x.id - y.id);
  const earliest = all.reduce((m, r) => (r.timing.clueDate < m ? r.timing.clueDate : m), asOf);
  return { asOf, rows: rows.slice(0, a.limit ?? 5000), counts, overdue: all.filter((r) => r.timing.overdue).length, calendarWarning: calendarWarning(cal, earliest, asOf) };
}

/** The elimination checklist for a case on a date, with the steward's confirmations (none: all unconfirmed). */
export function checklistFor(db: Db, s: { household_id: number | null; county_code: string }, date: string, confirm: Parameters<typeof confirmedResults>[0]): ChecklistResult[] {
  return [incomeItem(db, s.household_id, s.county_code, date), ...confirmedResults(confirm)];
}

export function storedCase(db: Db, id: number): Stored {
  const s = db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as Stored | undefined;
  if (!s) throw new AppError('not-found', `没有编号为 ${id} 的监测对象记录。`);
  return s;
}

export function getCase(db: Db, id: number, asOf = today()): CaseDetail {
  const s = storedCase(db, id);
  const stepRows = db.prepare('SELECT id, state, step_date, operator, note, checklist, created_at FROM case_steps WHERE case_id = ? ORDER BY id').all(id) as Array<{
    id: number; state: CaseState; step_date: string; operator: string; note: string | null; checklist: string | null; created_at: string }>;
  const steps: CaseStepDto[] = stepRows.map((r) => ({
    id: r.id, state: r.state, date: r.step_date, operator: r.operator, note: r.note, createdAt: r.created_at,
    checklist: r.checklist ? (JSON.parse(r.checklist) as ChecklistResult[]) : null,
  }));
  const cal = loadCalendar(db);
  const row = toRow(s, steps.map((x) => ({ state: x.state, date: x.date })), cal, loadRules(db), asOf);
  const plan = s.plan_id === null ? null : (db.prepare(
    'SELECT p.id, p.year, p.status, (SELECT count(*) FROM plan_measures m WHERE m.plan_id = p.id) AS measures FROM plans p WHERE p.id = ?',
  ).get(s.plan_id) as CaseDetail['plan'] | undefined) ?? null;
  return {
    ...row, steps, moves: [...TRANSITIONS[s.state]], checklist: checklistFor(db, s, asOf, {}), plan, note: s.note,
    calendarWarning: calendarWarning(cal, s.clue_date, asOf),
  };
}
