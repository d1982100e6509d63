/** The monthly summary of a county's monitoring cases, per township and in total (counting in shared/cases/monthly.ts). */
import type { Db } from '../db/types.ts';
import type { MonthlyResult } from '../../shared/api/cases.ts';
import { countCase, emptyCounts, monthBounds, type MonthlyCounts } from '../../shared/cases/monthly.ts';
import type { CaseState } from '../../shared/cases/states.ts';
import type { MonitoringCategory } from '../../shared/domain/plans.ts';
import { AppError } from '../../shared/errors.ts';

interface Stored { id: number; township_code: string; category: MonitoringCategory | null; risk_types: string; clue_date: string }

export function monthlySummary(db: Db, month: string, county: string): MonthlyResult {
  const c = db.prepare(`SELECT name FROM regions WHERE code = ? AND level = 'county'`).get(county) as { name: string } | undefined;
  if (!c) throw new AppError('validation', `没有代码为 ${county} 的县区。`);
  const [from, to] = monthBounds(month);
  const townships = db.prepare(`SELECT code, name FROM regions WHERE parent_code = ? AND level = 'township' ORDER BY sort, code`).all(county) as Array<{ code: string; name: string }>;
  const cases = db.prepare('SELECT id, township_code, category, risk_types, clue_date FROM monitoring_cases WHERE county_code = ? AND clue_date <= ? ORDER BY id')
    .all(county, to) as Stored[];
  const steps = new Map<number, Array<{ state: CaseState; date: string }>>();
  const stepRows = db.prepare(`SELECT s.case_id, s.state, s.step_date FROM case_steps s JOIN monitoring_cases c ON c.id = s.case_id
    WHERE c.county_code = ? AND s.step_date <= ? ORDER BY s.case_id, s.id`).all(county, to) as Array<{ case_id: number; state: CaseState; step_date: string }>;
  for (const r of stepRows) {
    const list = steps.get(r.case_id) ?? [];
    list.push({ state: r.state, date: r.step_date });
    steps.set(r.case_id, list);
  }
  const byTownship = new Map<string, MonthlyCounts>(townships.map((t) => [t.code, emptyCounts()]));
  const total = emptyCounts();
  for (const s of cases) {
    const mc = { township: s.township_code, category: s.category, riskTypes: JSON.parse(s.risk_types) as string[], clueDate: s.clue_date, steps: steps.get(s.id) ?? [] };
    countCase(total, mc, from, to);
    const t = byTownship.get(s.township_code);
    if (t) countCase(t, mc, from, to);
  }
  return {
    month, from, to, county, countyName: c.name, total,
    rows: townships.map((t) => ({ code: t.code, name: t.name, ...byTownship.get(t.code)! })),
  };
}
