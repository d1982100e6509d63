/** 防止返贫监测对象: cases, their steps, time limits and the working-day calendar. */
import type { casesApi } from '../../shared/api/cases.ts';
import { calendarYear, listRules, setDay, setRule } from '../cases/calendar.ts';
import { getCase, listCases } from '../cases/read.ts';
import { advanceCase, openCase } from '../cases/write.ts';
import { exportCaseFile, exportMonthly, exportNotice } from './case-forms.ts';
import { monthlySummary } from '../cases/monthly.ts';
import type { HandlersFor } from './context.ts';

export const casesHandlers: HandlersFor<typeof casesApi> = {
  'cases:list': (ctx, a) => listCases(ctx.db, a),
  'cases:get': (ctx, a) => getCase(ctx.db, a.id, a.asOf),
  'cases:open': (ctx, a, w) => openCase(ctx.db, w.audit, w.operator, a),
  'cases:advance': (ctx, a, w) => advanceCase(ctx.db, w.audit, w.operator, a),
  'cases:rules': (ctx) => listRules(ctx.db),
  'cases:setRule': (ctx, a, w) => setRule(ctx.db, w.audit, a.key, a.days, a.source),
  'cases:calendar': (ctx, a) => calendarYear(ctx.db, a.year),
  'cases:setDay': (ctx, a, w) => setDay(ctx.db, w.audit, a.date, a.kind, a.name),
  'cases:exportNotice': (ctx, a) => exportNotice(ctx, a),
  'cases:exportFile': (ctx, a) => exportCaseFile(ctx, a),
  'cases:monthly': (ctx, a) => monthlySummary(ctx.db, a.month, a.county),
  'cases:exportMonthly': (ctx, a) => exportMonthly(ctx, a),
};
