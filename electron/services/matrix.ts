/**
 * 责任分工 services: the matrix, a measure's page, a department's duties, the progress heatmap,
 * editing and the county scope. Every change runs in one immediate transaction with its audit entries
 * (declared in shared/api/matrix.ts, applied by dispatch).
 */
import { AppError } from '../../shared/errors.ts';
import type { DepartmentDuties, MatrixScope } from '../../shared/api/matrix.ts';
import type { matrixApi } from '../../shared/api/matrix.ts';
import type { AuditWriter } from '../db/audit.ts';
import { matrixAudit } from '../db/queries/matrix-audit.ts';
import { getSetting, setSetting } from '../db/meta.ts';
import { departmentById, dutiesOf } from '../db/queries/matrix.ts';
import { getMatrix, heatmap, measureDetail, requireMeasure } from '../db/queries/matrix-views.ts';
import {
  addDepartment, addMeasure, archiveDepartment, renameDepartment, setIndicator, setRole, updateMeasure,
} from '../db/queries/matrix-edit.ts';
import { recordProgress } from '../db/queries/matrix-progress.ts';
import { countyName, isCountyEnabled, resolveScope, SCOPE_SETTING, syncCounty } from '../db/queries/matrix-scope.ts';
import { defaultProgressYear, writeMatrixWorkbook } from '../export/matrix.ts';
import type { Db, HandlersFor, ServiceContext } from './context.ts';

function departmentScope(db: Db, id: number): { county: string | null } {
  const d = departmentById(db, id);
  if (!d) throw new AppError('not-found', `没有编号为 ${id} 的责任单位`);
  return { county: d.countyCode };
}

function departmentDuties(db: Db, id: number): DepartmentDuties {
  const d = departmentById(db, id);
  if (!d) throw new AppError('not-found', `没有编号为 ${id} 的责任单位`);
  const scope = d.countyCode === null ? resolveScope(db, 'city') : { county: d.countyCode, name: countyName(d.countyCode) };
  const { countyCode: _c, ...department } = d;
  const duties = dutiesOf(db, id).map((r) => ({ n: r.n, group: r.group_n, groupTitle: r.group_title, title: r.title, body: r.body, role: r.role }));
  return { scope, department, duties };
}

function setScope(ctx: ServiceContext, scopeArg: string, write: AuditWriter): MatrixScope {
  const county = scopeArg === 'city' ? null : scopeArg;
  if (county !== null) countyName(county);
  const audit = matrixAudit(write);
  if (county !== null && !isCountyEnabled(ctx.db, county)) syncCounty(ctx.db, county, audit);
  const old = getSetting(ctx.db, SCOPE_SETTING) ?? '';
  if (old !== (county ?? '')) {
    setSetting(ctx.db, SCOPE_SETTING, county ?? '');
    audit({ action: 'settings', table: 'settings', key: SCOPE_SETTING, field: SCOPE_SETTING, old, new: county ?? '' });
  }
  return resolveScope(ctx.db, scopeArg);
}

export const matrixHandlers: HandlersFor<typeof matrixApi> = {
  'matrix:get': (ctx, a) => getMatrix(ctx.db, a.scope),
  'matrix:measure': (ctx, a) => measureDetail(ctx.db, a.n, resolveScope(ctx.db, a.scope)),
  'matrix:department': (ctx, a) => departmentDuties(ctx.db, a.id),
  'matrix:heatmap': (ctx, a) => heatmap(ctx.db, a.year, a.scope),
  'matrix:setScope': (ctx, a, w) => setScope(ctx, a.scope, w.audit),
  'matrix:syncCounty': (ctx, a, w) => {
    countyName(a.county);
    if (!isCountyEnabled(ctx.db, a.county)) throw new AppError('not-found', `${countyName(a.county)}的责任分工尚未建立，请先切换到该县。`);
    return syncCounty(ctx.db, a.county, matrixAudit(w.audit));
  },
  'matrix:setProgress': (ctx, a, w) => {
    const m = requireMeasure(ctx.db, a.n);
    // The scope is the department's own; an indicator row belongs to the scope in 设置.
    const county = a.departmentId !== null ? departmentScope(ctx.db, a.departmentId).county : resolveScope(ctx.db, a.scope).county;
    return recordProgress(ctx.db, matrixAudit(w.audit), m, county, a);
  },
  'matrix:updateMeasure': (ctx, a, w) => {
    const m = requireMeasure(ctx.db, a.n);
    updateMeasure(ctx.db, matrixAudit(w.audit), m, a);
    return measureDetail(ctx.db, a.n, resolveScope(ctx.db));
  },
  'matrix:addMeasure': (ctx, a, w) => {
    const scope = resolveScope(ctx.db);
    const n = addMeasure(ctx.db, matrixAudit(w.audit), scope.county, a);
    return measureDetail(ctx.db, n, scope);
  },
  'matrix:setRole': (ctx, a, w) => {
    const m = requireMeasure(ctx.db, a.n);
    const { county } = departmentScope(ctx.db, a.departmentId);
    setRole(ctx.db, matrixAudit(w.audit), m, a.departmentId, a.role, county);
    return measureDetail(ctx.db, a.n, county === null ? resolveScope(ctx.db, 'city') : resolveScope(ctx.db, county));
  },
  'matrix:renameDepartment': (ctx, a, w) => {
    renameDepartment(ctx.db, matrixAudit(w.audit), a.id, a.name);
    return departmentDuties(ctx.db, a.id).department;
  },
  'matrix:archiveDepartment': (ctx, a, w) => {
    archiveDepartment(ctx.db, matrixAudit(w.audit), a.id, a.archived);
    return departmentDuties(ctx.db, a.id).department;
  },
  'matrix:addDepartment': (ctx, a, w) => {
    const scope = resolveScope(ctx.db, a.scope);
    const id = addDepartment(ctx.db, matrixAudit(w.audit), a.name, scope.county);
    return departmentDuties(ctx.db, id).department;
  },
  'matrix:setIndicator': (ctx, a, w) => {
    const m = requireMeasure(ctx.db, a.n);
    setIndicator(ctx.db, matrixAudit(w.audit), m, a);
    return measureDetail(ctx.db, a.n, resolveScope(ctx.db));
  },
  'matrix:export': async (ctx, a) => {
    const county = a.scope === undefined ? resolveScope(ctx.db).county : a.scope === 'city' ? null : a.scope;
    const year = a.kind === 'progress' ? (a.year ?? defaultProgressYear(ctx.db, county)) : a.year;
    const out = a.out ?? (await ctx.platform.saveFile({
      title: a.kind === 'matrix' ? '导出责任分工表' : '导出措施推进情况表',
      defaultName: a.kind === 'matrix' ? '责任分工表.xlsx' : `措施推进情况表（${year}年）.xlsx`,
      filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
    }));
    if (!out) return null;
    return writeMatrixWorkbook(ctx.db, out, { kind: a.kind, year, scope: a.scope });
  },
};
