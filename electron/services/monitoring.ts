/**
 * 监测帮扶 services: the work ledger and its counts, one household's 一户一策 plan (read, save,
 * delete) and risk hints (dismiss, restore). Writes run in one immediate transaction with their
 * audit entries (dispatch, from the rules in shared/api/monitoring.ts), so a plan change and its
 * trail are committed together or not at all.
 */
import type { MonitoringOptions, RiskHintDto, monitoringApi } from '../../shared/api/monitoring.ts';
import { MEASURE_GROUPS, MEASURES } from '../../shared/domain/measures.ts';
import { MEASURE_TYPES, MONITORING_CATEGORIES, PLAN_STATUSES, RISK_TYPES } from '../../shared/domain/plans.ts';
import { computeGroups, computeLedger } from '../db/queries/monitoring-ledger.ts';
import { householdPlanView } from '../db/queries/monitoring-household.ts';
import { deletePlan, savePlan } from '../db/queries/monitoring-plans.ts';
import { dismissHint, restoreHint } from '../db/queries/monitoring-hints.ts';
import { incomeYears } from '../db/queries/stats.ts';
import type { Db, HandlersFor, ServiceContext } from './context.ts';

function options(db: Db): MonitoringOptions {
  const years = incomeYears(db);
  const regions = db.prepare(`SELECT code, name, level, parent_code AS parent FROM regions WHERE level IN ('county','township') ORDER BY sort, code`)
    .all() as Array<{ code: string; name: string; level: string; parent: string }>;
  const measures = (db.prepare('SELECT n, title, group_n AS "group" FROM measures WHERE archived = 0 ORDER BY n').all() as Array<{ n: number; title: string; group: number }>);
  return {
    years,
    latestYear: years.at(-1) ?? null,
    measures: measures.map((m) => ({
      ...m,
      groupTitle: MEASURE_GROUPS.find((g) => g.n === m.group)?.title ?? '',
      department: MEASURES.find((x) => x.n === m.n)?.departments[0] ?? null,
    })),
    measureTypes: MEASURE_TYPES,
    statuses: PLAN_STATUSES,
    categories: MONITORING_CATEGORIES,
    riskTypes: RISK_TYPES,
    counties: regions.filter((r) => r.level === 'county').map((r) => ({ code: r.code, name: r.name })),
    townships: regions.filter((r) => r.level === 'township').map((r) => ({ code: r.code, name: r.name, county: r.parent })),
  };
}

function hintsOf(ctx: ServiceContext, householdId: number, year: number): RiskHintDto[] {
  return householdPlanView(ctx.db, householdId, year).hints;
}

export const monitoringHandlers: HandlersFor<typeof monitoringApi> = {
  'monitoring:options': (ctx) => options(ctx.db),
  'monitoring:groups': (ctx, a) => computeGroups(ctx.db, a),
  'monitoring:ledger': (ctx, a) => computeLedger(ctx.db, a),
  'monitoring:household': (ctx, a) => householdPlanView(ctx.db, a.householdId, a.year),
  'monitoring:plan:save': (ctx, a, w) => {
    savePlan(ctx.db, w.audit, a);
    return householdPlanView(ctx.db, a.householdId, a.year);
  },
  'monitoring:plan:delete': (ctx, a, w) => {
    deletePlan(ctx.db, w.audit, a.householdId, a.year);
    return householdPlanView(ctx.db, a.householdId, a.year);
  },
  'monitoring:hint:dismiss': (ctx, a, w) => {
    householdPlanView(ctx.db, a.householdId, a.year); // refuses an unknown household before writing
    dismissHint(ctx.db, w.audit, w.operator, a);
    return hintsOf(ctx, a.householdId, a.year);
  },
  'monitoring:hint:restore': (ctx, a, w) => {
    restoreHint(ctx.db, w.audit, a);
    return hintsOf(ctx, a.householdId, a.year);
  },
};
