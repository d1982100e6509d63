/**
 * 数据核查 services: department lists (read outside the transaction, stored inside one), check runs,
 * findings and their states, township workbooks and answers. Every change is audited.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { checksApi } from '../../shared/api/checks.ts';
import { AppError } from '../../shared/errors.ts';
import { closureRates, listFindings, setFindingState } from '../checks/findings.ts';
import { latestYear, runChecks } from '../checks/run.ts';
import { readSource } from '../checks/source-read.ts';
import { closureProgress } from '../checks/progress.ts';
import { listSources, storeSource } from '../checks/sources.ts';
import { writeThreshold } from '../checks/thresholds.ts';
import { readAnswers, writeTownshipWorkbook } from '../checks/workbook.ts';
import { auditWriter } from '../db/audit.ts';
import type { HandlersFor } from './context.ts';

const XLSX = { name: 'Excel 工作簿', extensions: ['xlsx'] };

export const checksHandlers: HandlersFor<typeof checksApi> = {
  'checks:sources': (ctx) => listSources(ctx.db),
  'checks:add-source': async (ctx, args, w) => {
    const file = basename(args.path);
    const read = await readSource(args.path, file);
    const sha256 = createHash('sha256').update(readFileSync(args.path)).digest('hex');
    const id = ctx.db.transaction(() => {
      const sid = storeSource(ctx.db, { dept: args.dept, kind: args.kind, asOf: args.asOf, fileName: file, sha256, operator: w.operator }, read);
      auditWriter(ctx.db, w.operator)({ action: 'checks:source-add', table: 'check_sources', key: sid, detail: { dept: args.dept, kind: args.kind, asOf: args.asOf, file, rows: read.rows.length } });
      return sid;
    }).immediate();
    const source = listSources(ctx.db).find((s) => s.id === id);
    if (!source) throw new AppError('internal', '名单保存后未找到');
    return { source, invalidIds: read.invalidIds.map((p) => p.message) };
  },
  'checks:delete-source': (ctx, args, w) => {
    const s = listSources(ctx.db).find((x) => x.id === args.id);
    if (!s) throw new AppError('not-found', `没有编号为 ${args.id} 的部门名单`);
    ctx.db.prepare('DELETE FROM check_sources WHERE id = ?').run(args.id);
    w.audit({ action: 'checks:source-delete', table: 'check_sources', key: args.id, detail: { dept: s.dept, kind: s.kind, asOf: s.asOf, rows: s.counts.rows } });
    return { deleted: s.counts.rows };
  },
  'checks:run': (ctx, args, w) => {
    const year = args.year ?? latestYear(ctx.db);
    if (year === null) throw new AppError('no-data', '台账中没有收入记录，无法核查');
    const s = runChecks(ctx.db, w.operator, year);
    w.audit({ action: 'checks:run', table: 'check_runs', key: s.runId, detail: { year, found: s.found, added: s.added, reopened: s.reopened, closedByData: s.closedByData } });
    return s;
  },
  'checks:findings': (ctx, args) => listFindings(ctx.db, args),
  'checks:set-state': (ctx, args, w) => {
    const r = setFindingState(ctx.db, args.id, args.state, args.reason ?? null, w.operator);
    if (!r) throw new AppError('not-found', `没有编号为 ${args.id} 的核查问题`);
    w.audit({ action: 'checks:finding-state', table: 'check_findings', key: args.id, field: 'state', old: r.old, new: args.state, detail: { reason: args.reason ?? null } });
    return listFindings(ctx.db, { id: args.id });
  },
  'checks:closure': (ctx, args) => closureRates(ctx.db, args.year),
  'checks:progress': (ctx, args) => closureProgress(ctx.db, args.year, args.township),
  'checks:set-threshold': (ctx, args, w) => {
    const old = writeThreshold(ctx.db, args.key, args.value);
    w.audit({ action: 'checks:threshold', table: 'check_thresholds', key: args.key, field: 'value', old, new: args.value });
    return { key: args.key, old, value: args.value };
  },
  'checks:export-township': async (ctx, args) => {
    const name = (ctx.db.prepare('SELECT name FROM regions WHERE code = ?').pluck().get(args.township) as string | undefined);
    if (!name) throw new AppError('not-found', `没有代码为 ${args.township} 的乡镇`);
    const findings = listFindings(ctx.db, { township: args.township }).filter((f) => f.state !== 'closed_by_data');
    const out = args.out ?? (await ctx.platform.saveFile({ title: '保存乡镇核查问题清单', defaultName: `${name}-数据核查问题清单.xlsx`, filters: [XLSX] }));
    if (!out) return { path: null, findings: 0 };
    await writeTownshipWorkbook(out, name, findings);
    return { path: out, findings: findings.length };
  },
  'dialog:openCheckFile': async (ctx, args) => {
    const title = args.purpose === 'source' ? '选择部门名单（.xlsx）' : '选择乡镇答复的核查问题清单（.xlsx）';
    const [path] = await ctx.platform.openFiles({ title, filters: [XLSX], multiple: false });
    return path ?? null;
  },
  'checks:answer': async (ctx, args, w) => {
    const answers = await readAnswers(args.path, basename(args.path));
    return ctx.db.transaction(() => {
      const audit = auditWriter(ctx.db, w.operator);
      let updated = 0;
      let unchanged = 0;
      const problems: string[] = [];
      for (const a of answers) {
        const r = setFindingState(ctx.db, a.id, a.state, a.reason, w.operator);
        if (!r) { problems.push(`问题编号 ${a.id} 不存在`); continue; }
        if (r.old === a.state) { unchanged++; continue; }
        audit({ action: 'checks:finding-state', table: 'check_findings', key: a.id, field: 'state', old: r.old, new: a.state, detail: { reason: a.reason, file: basename(args.path) } });
        updated++;
      }
      if (problems.length) throw new AppError('validation', `答复清单中的问题编号不在本数据库，未导入任何答复：${problems.slice(0, 10).join('；')}`);
      return { updated, unchanged, problems };
    }).immediate();
  },
};
