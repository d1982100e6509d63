/** 增收分析, the reference values editor and chart export: thin handlers over electron/analysis. */
import type { analysisApi } from '../../shared/api/analysis.ts';
import { savePng } from './chart-png.ts';
import { listReferences, updateReference } from '../analysis/references.ts';
import { buildAnalysis } from '../analysis/view.ts';
import type { HandlersFor } from './context.ts';

export const analysisHandlers: HandlersFor<typeof analysisApi> = {
  'analysis:view': (ctx, args) => buildAnalysis(ctx.db, args),
  'refs:list': (ctx) => listReferences(ctx.db),
  // Targets and thresholds change every figure the start page and the analysis show (changes: 'references').
  'refs:update': (ctx, args, w) => updateReference(ctx.db, w.audit, args),
  'chart:savePng': (ctx, args) => savePng(ctx.platform, args.dataUrl, args.name),
};
