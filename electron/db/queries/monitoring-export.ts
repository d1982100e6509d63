/**
 * What the export forms read from the monitoring tables (DOMAIN §7.3 work ledger, §7.4 一户一策):
 * plain rows with full ID numbers (the form writer masks them unless the user asks otherwise).
 * Same rules as the view: the rows come from `ledgerRows`, plans are judged by `evaluatePlan`.
 */
import type { LedgerRow, PlanDto } from '../../../shared/api/monitoring.ts';
import { fenToYuan, weightedPerCapita } from '../../../shared/domain/income.ts';
import { evaluatePlan, LEDGER_GROUP_LABELS, type LedgerGroup, type PlanEvaluation } from '../../../shared/domain/plans.ts';
import type { Db } from '../types.ts';
import { belowLine } from './references.ts';
import { scopeParams, scopeWhere, type Scope } from './monitoring.ts';
import { ledgerRows, type LedgerQuery } from './monitoring-ledger.ts';
import { readPlan } from './monitoring-plans.ts';
import { businessNetSql } from './income-sql.ts';

interface HouseholdExtra {
  id: number;
  groupName: string | null;
  headIdNumber: string | null;
  identifiedYm: string | null;
  riskEliminated: number | null;
  eliminationMethod: string | null;
  eliminatedYm: string | null;
  labourCount: number;
  workersInCounty: number;
  workersInProvince: number;
  workersOutside: number;
}

/** Per-household facts the forms add to a ledger row: labour and workers by place (DOMAIN §7.3). */
function householdExtras(db: Db, ids: readonly number[]): Map<number, HouseholdExtra> {
  const rows = db
    .prepare(
      `SELECT h.id, h.group_name AS groupName, h.head_id_number AS headIdNumber, h.identified_ym AS identifiedYm,
        h.risk_eliminated AS riskEliminated, h.elimination_method AS eliminationMethod, h.eliminated_ym AS eliminatedYm,
        count(m.id) FILTER (WHERE m.labour IN ('技能劳动力','普通劳动力','弱劳动力或半劳动力')) AS labourCount,
        count(m.id) FILTER (WHERE m.work_place_class IN ('乡镇内','县内')) AS workersInCounty,
        count(m.id) FILTER (WHERE m.work_place_class = '省内县外') AS workersInProvince,
        count(m.id) FILTER (WHERE m.work_place_class IN ('省外','境外')) AS workersOutside
       FROM households h LEFT JOIN members m ON m.household_id = h.id
       WHERE h.id IN (SELECT value FROM json_each(?)) GROUP BY h.id`,
    )
    .all(JSON.stringify(ids)) as HouseholdExtra[];
  return new Map(rows.map((r) => [r.id, r]));
}

export interface WorkLedgerExportRow extends LedgerRow, Omit<HouseholdExtra, 'id'> {
  /** e.g. "低于收入线、收入下降". */
  groupLabels: string;
  cadrePhone: string | null;
}

export type WorkLedgerQuery = Scope & { year: number; group?: LedgerGroup | 'any'; category?: string };

/** Every household of the year's work ledger in scope, in township/village/code order. */
export function workLedgerRows(db: Db, q: WorkLedgerQuery): WorkLedgerExportRow[] {
  const rows = ledgerRows(db, { ...q, group: q.group ?? 'any' } as LedgerQuery);
  const extras = householdExtras(db, rows.map((r) => r.householdId));
  const phones = new Map(
    (db.prepare('SELECT household_id AS id, cadre_phone AS phone FROM plans WHERE year = ?').all(q.year) as Array<{ id: number; phone: string | null }>)
      .map((p) => [p.id, p.phone]),
  );
  return rows.map((r) => {
    const { id: _id, ...extra } = extras.get(r.householdId) as HouseholdExtra;
    return { ...r, ...extra, groupLabels: r.groups.map((g) => LEDGER_GROUP_LABELS[g]).join('、'), cadrePhone: phones.get(r.householdId) ?? null };
  });
}

export interface IncomeBreakdown {
  year: number;
  size: number;
  perCapita: number;
  wage: number;
  business: number;
  property: number;
  transfer: number;
}

export interface PlanExportRow {
  householdId: number;
  householdCode: string;
  countyName: string;
  townshipName: string;
  villageName: string | null;
  groupName: string | null;
  headName: string;
  headIdNumber: string | null;
  size: number;
  labourCount: number;
  householdType: string;
  monitoringCategory: string | null;
  groups: LedgerGroup[];
  groupLabels: string;
  /** The plan year's income with its components (the base the plan starts from); null if not recorded. */
  base: IncomeBreakdown | null;
  plan: PlanDto;
  /** target / base per-capita − 1; null without a target or a base. */
  expectedGrowth: number | null;
  evaluation: PlanEvaluation;
}

interface PlanHead {
  householdId: number;
  householdCode: string;
  countyName: string;
  townshipName: string;
  villageName: string | null;
  groupName: string | null;
  headName: string;
  headIdNumber: string | null;
  size: number;
  householdType: string;
  monitoringCategory: string | null;
  relocated: number;
  r_size: number | null;
  net: number | null;
  wage: number | null;
  business: number | null;
  property: number | null;
  transfer: number | null;
  p_size: number | null;
  p_net: number | null;
  n_size: number | null;
  n_net: number | null;
}

function breakdown(year: number, h: PlanHead): IncomeBreakdown | null {
  if (h.r_size === null || h.net === null) return null;
  const pc = (fen: number | null): number => fenToYuan(weightedPerCapita(fen ?? 0, h.r_size as number) ?? 0);
  return { year, size: h.r_size, perCapita: pc(h.net), wage: pc(h.wage), business: pc(h.business), property: pc(h.property), transfer: pc(h.transfer) };
}

function groupsOfHead(h: PlanHead, lineFen: number): LedgerGroup[] {
  const g: LedgerGroup[] = [];
  if (h.net !== null && h.r_size !== null && h.net < lineFen * h.r_size) g.push('below');
  if (h.net !== null && h.r_size !== null && h.p_net !== null && h.p_size !== null && h.net * h.p_size < h.p_net * h.r_size) g.push('decreased');
  if (h.relocated) g.push('relocated');
  return g;
}

/** Every plan of `year` in scope (optionally only some households), in township/village/code order. */
export function listPlansForExport(db: Db, q: Scope & { year: number; householdIds?: readonly number[] }): PlanExportRow[] {
  const heads = db
    .prepare(
      `SELECT h.id AS householdId, h.code AS householdCode, c.name AS countyName, t.name AS townshipName, v.name AS villageName,
        h.group_name AS groupName, h.head_name AS headName, h.head_id_number AS headIdNumber, h.size, h.household_type AS householdType,
        h.monitoring_category AS monitoringCategory, h.relocated,
        r.size AS r_size, r.net_fen AS net, r.wage_fen AS wage, ${businessNetSql('r')} AS business,
        r.property_fen AS property, r.transfer_fen AS transfer, p.size AS p_size, p.net_fen AS p_net, n.size AS n_size, n.net_fen AS n_net
       FROM plans pl JOIN households h ON h.id = pl.household_id
       LEFT JOIN regions c ON c.code = h.county_code LEFT JOIN regions t ON t.code = h.township_code LEFT JOIN regions v ON v.code = h.village_code
       LEFT JOIN income_records r ON r.household_id = h.id AND r.year = pl.year
       LEFT JOIN income_records p ON p.household_id = h.id AND p.year = pl.year - 1
       LEFT JOIN income_records n ON n.household_id = h.id AND n.year = pl.year + 1
       WHERE pl.year = @year ${scopeWhere(q)} ${q.householdIds ? 'AND h.id IN (SELECT value FROM json_each(@ids))' : ''}
       ORDER BY h.township_code, h.village_code, h.code`,
    )
    .all({ year: q.year, ids: JSON.stringify(q.householdIds ?? []), ...scopeParams(q) }) as PlanHead[];
  const extras = householdExtras(db, heads.map((h) => h.householdId));
  const lineFen = Math.round(belowLine(db, q.year) * 100);
  const nextLine = belowLine(db, q.year + 1);
  return heads.map((h) => {
    const plan = readPlan(db, h.householdId, q.year) as PlanDto;
    const base = breakdown(q.year, h);
    const groups = groupsOfHead(h, lineFen);
    const targetFen = plan.targetPerCapita === null ? null : Math.round(plan.targetPerCapita * 100);
    return {
      householdId: h.householdId, householdCode: h.householdCode, countyName: h.countyName, townshipName: h.townshipName,
      villageName: h.villageName, groupName: h.groupName, headName: h.headName, headIdNumber: h.headIdNumber, size: h.size,
      labourCount: extras.get(h.householdId)?.labourCount ?? 0, householdType: h.householdType, monitoringCategory: h.monitoringCategory,
      groups, groupLabels: groups.map((g) => LEDGER_GROUP_LABELS[g]).join('、'), base, plan,
      expectedGrowth: plan.targetPerCapita !== null && base && base.perCapita > 0 ? plan.targetPerCapita / base.perCapita - 1 : null,
      evaluation: evaluatePlan({
        planYear: q.year, targetFen, nextLineYuan: nextLine,
        base: h.net === null || h.r_size === null ? null : { netFen: h.net, size: h.r_size },
        next: h.n_net === null || h.n_size === null ? null : { netFen: h.n_net, size: h.n_size },
      }),
    };
  });
}
