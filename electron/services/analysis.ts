/** 增收分析, the reference values editor and chart export: thin handlers over electron/analysis. */
import type { analysisApi } from '../../shared/api/analysis.ts';
import { AppError } from '../../shared/errors.ts';
import { savePng } from './chart-png.ts';
import { listReferences, updateReference } from '../analysis/references.ts';
import { buildAnalysis } from '../analysis/view.ts';
import { resolveOperator } from '../db/audit.ts';
import type { HandlersFor, ServiceContext } from './context.ts';

function assertWritable(ctx: ServiceContext): void {
  if (ctx.readOnlyReason !== null) throw new AppError('db-readonly', `数据库为只读（${ctx.readOnlyReason}），不能修改参考值`);
}

export const analysisHandlers: HandlersFor<typeof analysisApi> = {
  'analysis:view': (ctx, args) => buildAnalysis(ctx.db, args),
  'refs:list': (ctx) => listReferences(ctx.db),
  'refs:update': (ctx, args) => {
    assertWritable(ctx);
    const row = updateReference(ctx.db, resolveOperator(ctx), args);
    // Targets and thresholds change every figure the start page and the analysis show.
    ctx.emit('data:changed', { reason: 'references' });
    return row;
  },
  'chart:savePng': (ctx, args) => savePng(ctx.platform, args.dataUrl, args.name),
};
