/**
 * 导出当前列表: the ledger's household or member list exactly as filtered and sorted on screen,
 * written through the same list services page by page (so the file holds the rows the screen
 * pages through, in the same order), with the 筛选条件 in the title block and IDs masked unless
 * the caller passed the full-ID rule. Written to `<out>.part` and renamed at the end.
 */
import { renameSync, rmSync, statSync } from 'node:fs';
import { HouseholdListArgs, MemberListArgs } from '../../shared/api/ledger.ts';
import { ageOn } from '../../shared/domain/id-number.ts';
import { describeHouseholdFilter, describeMemberFilter, type HouseholdListFilter, type MemberListFilter } from '../../shared/domain/list-filters.ts';
import { CITY } from '../../shared/domain/regions.ts';
import { AppError } from '../../shared/errors.ts';
import { listHouseholds, listMembers } from '../analysis/ledger-lists.ts';
import { belowLine } from '../db/queries/references.ts';
import { latestIncomeYear } from '../db/queries/ledger-detail.ts';
import { regionNames } from '../db/queries/stats.ts';
import type { Db } from '../db/types.ts';
import { FormSheet, openFormWorkbook, readSignatures, type FormColumn } from './layout.ts';
import { formMarks } from './marks.ts';
import { describeWorkLedger, WORK_LEDGER_COLUMNS, workLedgerCells, workLedgerList, type WorkLedgerFilter } from './list-work-ledger.ts';

export type ListRequest =
  | { list: 'households'; filter: HouseholdListFilter }
  | { list: 'members'; filter: MemberListFilter }
  | { list: 'work-ledger'; filter: WorkLedgerFilter };

export interface ListHooks {
  showIds?: boolean;
  signal?: AbortSignal | undefined;
  progress?: (step: string, current: number, total: number | null) => void;
  date?: Date;
}

export interface ListOutcome {
  path: string;
  rows: number;
  title: string;
  filterLine: string;
  bytes: number;
}

const PAGE = 500;

const HOUSEHOLD_COLUMNS: FormColumn[] = [
  { header: '序号', width: 7, kind: 'seq' }, { header: '县区', width: 8, kind: 'text' }, { header: '乡镇', width: 10, kind: 'text' },
  { header: '行政村', width: 10, kind: 'text' }, { header: '组', width: 6, kind: 'text' }, { header: '户编号', width: 18, kind: 'id' },
  { header: '户主姓名', width: 9, kind: 'text' }, { header: '户主证件号码', width: 20, kind: 'id' }, { header: '家庭人口', width: 6, kind: 'count' },
  { header: '户类型', width: 8, kind: 'text' }, { header: '监测对象类别', width: 12, kind: 'text' }, { header: '易地搬迁', width: 6, kind: 'text' },
  { header: ['收入情况', '人均纯收入（元）'], width: 12, kind: 'money' }, { header: ['收入情况', '比上年增减（元）'], width: 12, kind: 'money' },
  { header: ['收入情况', '低于收入线'], width: 7, kind: 'text' }, { header: ['收入情况', '收入下降'], width: 7, kind: 'text' },
];

const MEMBER_COLUMNS: FormColumn[] = [
  { header: '序号', width: 7, kind: 'seq' }, { header: '乡镇', width: 10, kind: 'text' }, { header: '行政村', width: 10, kind: 'text' },
  { header: '户编号', width: 18, kind: 'id' }, { header: '户主姓名', width: 9, kind: 'text' }, { header: '姓名', width: 9, kind: 'text' },
  { header: '证件号码', width: 20, kind: 'id' }, { header: '性别', width: 5, kind: 'text' }, { header: '年龄', width: 5, kind: 'count' },
  { header: '与户主关系', width: 9, kind: 'text' }, { header: '劳动技能', width: 14, kind: 'text' }, { header: '务工地域', width: 9, kind: 'text' },
  { header: '公益性岗位', width: 7, kind: 'text' },
];

const mark = (b: boolean | null): string => (b ? '√' : '');

function regionLabel(names: ReadonlyMap<string, string>) {
  return (code: string): string => {
    const chain = [code.slice(0, 6), code.slice(0, 9), code].filter((c, i, a) => c.length <= code.length && a.indexOf(c) === i);
    return chain.map((c) => names.get(c) ?? c).join('');
  };
}

function scopeLabel(names: ReadonlyMap<string, string>, f: { county?: string | undefined; township?: string | undefined; village?: string | undefined }): string {
  const code = f.village ?? f.township ?? f.county;
  return code ? regionLabel(names)(code) : CITY.name;
}

/** Full IDs of the page's rows, only when asked for (the caller has checked the reason). */
function fullIds(db: Db, sql: string, ids: number[]): Map<number, string | null> {
  const rows = db.prepare(sql).all(JSON.stringify(ids)) as Array<{ id: number; v: string | null }>;
  return new Map(rows.map((r) => [r.id, r.v]));
}

async function breathe(h: ListHooks, sheet: FormSheet, done: number, total: number | null): Promise<void> {
  if (h.signal?.aborted) throw new AppError('cancelled', '导出已取消');
  h.progress?.('写入列表', done, total);
  await new Promise<void>((resolve) => setImmediate(resolve));
  await sheet.drained();
}

async function writeHouseholds(db: Db, sheet: FormSheet, f: HouseholdListFilter, h: ListHooks): Promise<number> {
  let offset = 0;
  let total: number | null = null;
  for (;;) {
    const page = listHouseholds(db, HouseholdListArgs.parse({ ...f, offset, limit: PAGE, withTotal: total === null }));
    total ??= page.total;
    const ids = h.showIds ? fullIds(db, 'SELECT id, head_id_number AS v FROM households WHERE id IN (SELECT value FROM json_each(?))', page.rows.map((r) => r.id)) : null;
    for (const r of page.rows) {
      const id = ids ? (ids.get(r.id) ?? null) : r.headIdMasked;
      sheet.addRow([++offset, r.county, r.township, r.village, r.groupName, r.code, r.headName, id, r.size, r.householdType,
        r.monitoringCategory, r.relocated ? '是' : '', r.perCapita, r.change, mark(r.below), mark(r.decreased)]);
    }
    if (page.rows.length < PAGE) return offset;
    await breathe(h, sheet, offset, total);
  }
}

async function writeMembers(db: Db, sheet: FormSheet, f: MemberListFilter, h: ListHooks): Promise<number> {
  let n = 0;
  let after: { code: string; id: number } | undefined;
  let total: number | null = null;
  const today = h.date ?? new Date();
  for (;;) {
    // Keyset paging in the household order (the cursor the screen uses), offsets in the others.
    const page = listMembers(db, MemberListArgs.parse({ ...f, ...(after ? { after } : { offset: n }), limit: PAGE, withTotal: total === null }));
    total ??= page.total;
    const ids = fullIds(db, 'SELECT id, id_number AS v FROM members WHERE id IN (SELECT value FROM json_each(?))', page.rows.map((r) => r.id));
    for (const r of page.rows) {
      const id = ids.get(r.id) ?? null;
      sheet.addRow([++n, r.township, r.village, r.householdCode, r.headName, r.name, h.showIds ? id : r.idMasked, r.sex,
        id ? ageOn(id, today) : r.age, r.relation, r.labour, r.workPlaceClass, r.welfarePost ? '是' : '']);
    }
    if (page.rows.length < PAGE) return n;
    after = page.nextAfter ?? undefined;
    await breathe(h, sheet, n, total);
  }
}

const LOOKS: Record<ListRequest['list'], { columns: FormColumn[]; frozen: number; sheet: string }> = {
  households: { columns: HOUSEHOLD_COLUMNS, frozen: 7, sheet: '户列表' },
  members: { columns: MEMBER_COLUMNS, frozen: 6, sheet: '成员列表' },
  'work-ledger': { columns: WORK_LEDGER_COLUMNS, frozen: 6, sheet: '工作台账' },
};

async function writeRows(db: Db, sheet: FormSheet, req: ListRequest, h: ListHooks): Promise<number> {
  if (req.list === 'households') return writeHouseholds(db, sheet, req.filter, h);
  if (req.list === 'members') return writeMembers(db, sheet, req.filter, h);
  let n = 0;
  for (const r of workLedgerList(db, req.filter)) {
    sheet.addRow(workLedgerCells(++n, r));
    if (n % PAGE === 0) await breathe(h, sheet, n, null);
  }
  return n;
}

/** The title and 筛选条件 of a list request, as written in the file. */
export function listHeading(db: Db, req: ListRequest): { title: string; filterLine: string } {
  if (req.list === 'work-ledger') return describeWorkLedger(db, req.filter);
  const names = regionNames(db);
  const scope = scopeLabel(names, req.filter);
  if (req.list === 'households') {
    const year = req.filter.year ?? latestIncomeYear(db);
    const line = belowLine(db, year ?? new Date().getFullYear());
    return { title: `${scope}脱贫人口台账（户）${year ? `${year}年` : ''}筛选结果`, filterLine: describeHouseholdFilter({ ...req.filter, ...(year ? { year } : {}) }, regionLabel(names), line) };
  }
  return { title: `${scope}脱贫人口台账（人）筛选结果`, filterLine: describeMemberFilter(req.filter, regionLabel(names)) };
}

export async function writeList(db: Db, outPath: string, req: ListRequest, hooks: ListHooks = {}): Promise<ListOutcome> {
  if (!/\.xlsx$/i.test(outPath)) throw new AppError('validation', `导出文件名应以 .xlsx 结尾：${outPath}`);
  const part = `${outPath}.part`;
  const { title, filterLine } = listHeading(db, req);
  try {
    rmSync(part, { force: true });
    const book = openFormWorkbook(part, formMarks(db));
    const look = LOOKS[req.list];
    const sheet = new FormSheet(book, look.columns, {
      title, filterLine, signatures: readSignatures(db), date: hooks.date ?? new Date(), frozenColumns: look.frozen,
      sheetName: look.sheet, unitLine: '单位：元、户、人',
    });
    const rows = await writeRows(db, sheet, req, hooks);
    sheet.addRow([null, `合计 ${rows.toLocaleString('en-US')} ${req.list === 'members' ? '人' : '户'}`], 'total');
    sheet.finish();
    await book.commit();
    if (hooks.signal?.aborted) throw new AppError('cancelled', '导出已取消');
    renameSync(part, outPath);
    return { path: outPath, rows, title: sheet.title, filterLine, bytes: statSync(outPath).size };
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
}
