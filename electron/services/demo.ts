/**
 * Leaving the demo. A steward's first start shows a generated ledger; this turns the same file into
 * an empty real ledger (regions, measures, reference values and settings stay), after a backup,
 * in one transaction, audited. Refused on a database that is not a demo, so real data is never at risk.
 */
import type { demoApi, ClearDemoResult } from '../../shared/api/demo.ts';
import { AppError } from '../../shared/errors.ts';
import { auditWriter } from '../db/audit.ts';
import { getMeta } from '../db/meta.ts';
import { refreshAggregates } from '../db/queries/analysis-aggregates.ts';
import type { HandlersFor, ServiceContext } from './context.ts';

// natural_changes and the checks' findings describe demo households too: left behind they would show
// demo deaths and open findings on the real ledger's 年度采集 board. Findings before their runs (FK).
const LEDGER_TABLES = ['natural_changes', 'check_findings', 'check_runs', 'case_steps', 'monitoring_cases', 'plan_measures', 'plans', 'risk_dismissals', 'income_records', 'members', 'households', 'import_row_errors', 'import_batches'];

async function clearDemo(ctx: ServiceContext, operator: string): Promise<ClearDemoResult> {
  const scale = getMeta(ctx.db, 'demo_scale');
  if (scale === null) throw new AppError('conflict', '当前数据库不是演示数据库，不能清空。');
  const backup = await ctx.beforeWrite('clear-demo');
  const db = ctx.db;
  const households = (db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;
  db.transaction(() => {
    for (const t of LEDGER_TABLES) db.prepare(`DELETE FROM ${t}`).run();
    // Demo villages have generated names; villages a real import creates come back with it.
    db.prepare("DELETE FROM regions WHERE level = 'village'").run();
    db.prepare("DELETE FROM meta WHERE key IN ('demo_scale', 'demo_seed')").run();
    auditWriter(db, operator)({ action: 'demo-clear', detail: { scale, households, backup } });
  }).immediate();
  refreshAggregates(db);
  ctx.emit('data:changed', { reason: 'demo-clear' });
  return { backup, households };
}

export const demoHandlers: HandlersFor<typeof demoApi> = {
  'demo:clear': (ctx, _args, w) => clearDemo(ctx, w.operator),
};
