/** 防止返贫监测对象: cases, their steps, time limits and the working-day calendar. */
import type { casesApi } from '../../shared/api/cases.ts';
import { calendarYear, listRules, setDay, setRule } from '../cases/calendar.ts';
import { getCase, listCases } from '../cases/read.ts';
import { advanceCase, openCase } from '../cases/write.ts';
import { existsSync } from 'node:fs';
import { AppError } from '../../shared/errors.ts';
import { loadRules } from '../cases/calendar.ts';
import { writeCaseNotice } from '../export/case-notice.ts';
import { exportCaseFile, exportMonthly } from './case-forms.ts';
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
  'cases:exportNotice': (ctx, a) => {
    if (existsSync(a.out) && !a.force) throw new AppError('conflict', `文件已存在：${a.out}（确认覆盖请加 --force）`);
    return writeCaseNotice(ctx.db, a.out, a.village, loadRules(ctx.db).noticeMinDays);
  },
  'cases:exportFile': (ctx, a) => exportCaseFile(ctx, a),
  'cases:monthly': (ctx, a) => monthlySummary(ctx.db, a.month, a.county),
  'cases:exportMonthly': (ctx, a) => exportMonthly(ctx, a),
};
