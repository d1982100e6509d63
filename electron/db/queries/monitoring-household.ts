/**
 * One household as the 一户一策 card shows it: its incomes around the year, the groups it is in,
 * the plan of the year with its evaluation, plans of other years, risk hints and quick actions.
 */
import type { HouseholdPlanView, MemberBrief, YearIncomeDto } from '../../../shared/api/monitoring.ts';
import { fenToYuan, yuanToFen } from '../../../shared/domain/income.ts';
import { suggestMeasures } from '../../../shared/domain/plan-suggestions.ts';
import { evaluatePlan, type LedgerGroup, type YearIncome } from '../../../shared/domain/plans.ts';
import { ageInYear, hasLabour } from '../../../shared/domain/risk-hints.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Db } from '../types.ts';
import { belowLine } from './references.ts';
import { incomeOf, lineFen } from './monitoring.ts';
import { parseRisks } from './monitoring-ledger.ts';
import { dismissalsOf, hintDtos, membersOf, monitoringFloor } from './monitoring-hints.ts';
import { otherPlanYears, readPlan } from './monitoring-plans.ts';

interface HouseholdRow {
  id: number;
  code: string;
  head_name: string;
  size: number;
  household_type: string;
  monitoring_category: string | null;
  risk_types: string;
  identified_ym: string | null;
  risk_eliminated: number | null;
  relocated: number;
  county: string | null;
  township: string | null;
  village: string | null;
}

function householdRow(db: Db, id: number): HouseholdRow {
  const h = db
    .prepare(
      `SELECT h.*, c.name AS county, t.name AS township, v.name AS village FROM households h
       LEFT JOIN regions c ON c.code = h.county_code LEFT JOIN regions t ON t.code = h.township_code
       LEFT JOIN regions v ON v.code = h.village_code WHERE h.id = ?`,
    )
    .get(id) as HouseholdRow | undefined;
  if (!h) throw new AppError('not-found', `户 ${id} 不存在（可能已被删除）。`);
  return h;
}

function incomeDto(year: number, i: YearIncome | null): YearIncomeDto | null {
  return i ? { year, size: i.size, net: fenToYuan(i.netFen), perCapita: fenToYuan(i.netFen / i.size) } : null;
}

/** Same rules as the ledger query (cross-multiplied fen). */
function groupsFor(db: Db, year: number, cur: YearIncome | null, prev: YearIncome | null, relocated: boolean): LedgerGroup[] {
  if (!cur) return [];
  const g: LedgerGroup[] = [];
  if (cur.netFen < lineFen(belowLine(db, year)) * cur.size) g.push('below');
  if (prev && cur.netFen * prev.size < prev.netFen * cur.size) g.push('decreased');
  if (relocated) g.push('relocated');
  return g;
}

function evaluateYear(db: Db, householdId: number, year: number, targetFen: number | null) {
  return evaluatePlan({
    planYear: year, targetFen, nextLineYuan: belowLine(db, year + 1),
    base: incomeOf(db, householdId, year), next: incomeOf(db, householdId, year + 1),
  });
}

export function householdPlanView(db: Db, householdId: number, year: number): HouseholdPlanView {
  const h = householdRow(db, householdId);
  const members = membersOf(db, [householdId]).get(householdId) ?? [];
  const [prev, cur, next] = [year - 1, year, year + 1].map((y) => incomeOf(db, householdId, y));
  const plan = readPlan(db, householdId, year);
  const groups = groupsFor(db, year, cur ?? null, prev ?? null, h.relocated === 1);
  const briefs: MemberBrief[] = members.map((m) => ({
    id: m.id, name: m.name, relation: m.relation, age: ageInYear(m.birthDate, year), labour: m.labour, health: m.health,
    workPlaceClass: m.workPlaceClass, welfarePost: m.welfarePost,
  }));
  const hints = hintDtos({
    year, householdType: h.household_type, monitoringCategory: h.monitoring_category, identifiedYm: h.identified_ym,
    riskEliminated: h.risk_eliminated === null ? null : h.risk_eliminated === 1,
    perCapita: cur ? fenToYuan(cur.netFen / cur.size) : null, monitoringFloor: monitoringFloor(db, year),
    needsPlan: groups.length > 0, planMeasureTypes: plan ? plan.measures.map((m) => m.measureType) : null, members,
  }, dismissalsOf(db, [householdId], year).get(householdId));
  return {
    year, line: belowLine(db, year),
    household: {
      id: h.id, code: h.code, headName: h.head_name, region: [h.county, h.township, h.village].filter(Boolean).join(' '),
      size: h.size, householdType: h.household_type, monitoringCategory: h.monitoring_category, riskTypes: parseRisks(h.risk_types),
      relocated: h.relocated === 1, labourCount: members.filter((m) => hasLabour([m])).length, members: briefs,
    },
    income: incomeDto(year, cur ?? null), previous: incomeDto(year - 1, prev ?? null), next: incomeDto(year + 1, next ?? null),
    groups, plan,
    evaluation: plan ? evaluateYear(db, householdId, year, plan.targetPerCapita === null ? null : yuanToFen(plan.targetPerCapita)) : null,
    otherPlans: otherPlanYears(db, householdId, year).map((p) => ({ year: p.year, status: p.status, evaluation: evaluateYear(db, householdId, p.year, p.targetFen) })),
    hints,
    suggestions: suggestMeasures(members, year),
  };
}
