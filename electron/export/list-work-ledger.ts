/**
 * 导出当前列表 of 监测帮扶's work ledger (两类群体 and 监测对象 views): every row the view's filters
 * select, in the view's order, from the same `ledgerRows` + `sortRows` the paged view uses.
 */
import type { LedgerRow } from '../../shared/api/monitoring.ts';
import { LEDGER_GROUP_LABELS, PLAN_OUTCOME_LABELS } from '../../shared/domain/plans.ts';
import { ledgerRows, sortRows, type LedgerQuery, type LedgerSort } from '../db/queries/monitoring-ledger.ts';
import { regionNames } from '../db/queries/stats.ts';
import type { Db } from '../db/types.ts';
import type { CellValue, FormColumn } from './layout.ts';

export type WorkLedgerFilter = LedgerQuery & { sort: LedgerSort };

export const WORK_LEDGER_COLUMNS: FormColumn[] = [
  { header: '序号', width: 7, kind: 'seq' }, { header: '县区', width: 8, kind: 'text' }, { header: '乡镇', width: 10, kind: 'text' },
  { header: '行政村', width: 10, kind: 'text' }, { header: '户编号', width: 18, kind: 'id' }, { header: '户主姓名', width: 9, kind: 'text' },
  { header: '家庭人口', width: 6, kind: 'count' },
  { header: ['人均纯收入（元）', '本年'], width: 11, kind: 'money' }, { header: ['人均纯收入（元）', '上年'], width: 11, kind: 'money' },
  { header: ['人均纯收入（元）', '增减'], width: 10, kind: 'money' },
  { header: '所属群体', width: 16, kind: 'text' }, { header: '户类型', width: 8, kind: 'text' }, { header: '监测对象类别', width: 12, kind: 'text' },
  { header: '风险类型', width: 14, kind: 'text' },
  { header: ['一户一策', '计划状态'], width: 8, kind: 'text' }, { header: ['一户一策', '帮扶责任人'], width: 9, kind: 'text' },
  { header: ['一户一策', '成效'], width: 10, kind: 'text' },
];

export function workLedgerCells(seq: number, r: LedgerRow): CellValue[] {
  return [
    seq, r.countyName, r.townshipName, r.villageName, r.code, r.headName, r.size, r.perCapita, r.previousPerCapita, r.change,
    r.groups.map((g) => LEDGER_GROUP_LABELS[g]).join('、'), r.householdType, r.monitoringCategory, r.riskTypes.join('、'),
    r.plan?.status ?? '无计划', r.plan?.cadreName ?? null, r.evaluation ? PLAN_OUTCOME_LABELS[r.evaluation.outcome] : null,
  ];
}

export function workLedgerList(db: Db, f: WorkLedgerFilter): LedgerRow[] {
  return sortRows(ledgerRows(db, f), f.sort);
}

const GROUP_WORDS: Record<string, string> = { any: '全部两类群体及搬迁户', ...LEDGER_GROUP_LABELS };

export function describeWorkLedger(db: Db, f: WorkLedgerFilter): { title: string; filterLine: string } {
  const names = regionNames(db);
  const code = f.village ?? f.township ?? f.county;
  const scope = code ? [code.slice(0, 6), code.slice(0, 9), code].filter((c, i, a) => a.indexOf(c) === i).map((c) => names.get(c) ?? c).join('') : '白银市';
  const parts = [`范围：${scope}`, `年度：${f.year}`, `群体：${GROUP_WORDS[f.group] ?? f.group}`];
  if (f.category) parts.push(`监测对象类别：${f.category}`);
  if (f.riskType) parts.push(`风险类型：${f.riskType}`);
  if (f.planStatus) parts.push(`计划状态：${f.planStatus}`);
  if (f.outcome) parts.push(`成效：${PLAN_OUTCOME_LABELS[f.outcome as keyof typeof PLAN_OUTCOME_LABELS] ?? f.outcome}`);
  if (f.search) parts.push(`查找：${f.search}`);
  const sorts: Record<LedgerSort, string> = { region: '按地区', perCapita: '人均纯收入从低到高', '-perCapita': '人均纯收入从高到低', change: '增减从低到高', '-change': '增减从高到低' };
  parts.push(`排序：${sorts[f.sort]}`);
  return { title: `${scope}${f.year}年两类群体及监测对象工作台账筛选结果`, filterLine: `筛选条件：${parts.join('；')}` };
}
