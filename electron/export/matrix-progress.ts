/**
 * The year's progress table of the plan's measures: one row per measure × responsible unit with
 * its status, note and person responsible (measure cells merged down over its units), and a sheet of
 * the indicators with the plan's figure, the year's target, the actual value and whether it is met.
 */
import {
  COMPARATOR_LABELS, indicatorMet, planTarget, ROLE_LABELS, type MatrixIndicator, type MatrixResult, type ProgressEntry,
} from '../../shared/api/matrix.ts';
import { indicatorsOf, measureByN, progressOf } from '../db/queries/matrix.ts';
import type { Db } from '../db/types.ts';
import { FormSheet, type FormColumn, type FormWorkbook, type Signatures } from './layout.ts';
import { addMergedBlock, groupHeading } from './matrix-rows.ts';

export interface ProgressSheetOptions {
  year: number;
  signatures: Signatures;
  date?: Date | undefined;
}

interface MeasureData {
  indicators: MatrixIndicator[];
  progress: ProgressEntry[];
}

function dataOf(db: Db, n: number, county: string | null): MeasureData {
  const m = measureByN(db, n);
  if (!m) return { indicators: [], progress: [] };
  return { indicators: indicatorsOf(db, m.id), progress: progressOf(db, m.id, county) };
}

function meta(title: string, sheetName: string, o: ProgressSheetOptions, unitLine: string) {
  return { title, signatures: o.signatures, unitLine, frozenColumns: 2, sheetName, ...(o.date ? { date: o.date } : {}) };
}

function writeStatusSheet(book: FormWorkbook, matrix: MatrixResult, data: Map<number, MeasureData>, o: ProgressSheetOptions): number {
  const columns: FormColumn[] = [
    { header: '序号', width: 6, kind: 'seq' },
    { header: '重点措施', width: 26, kind: 'text' },
    { header: '责任单位', width: 18, kind: 'text' },
    { header: '责任类型', width: 9, kind: 'id' },
    { header: '推进状态', width: 9, kind: 'id' },
    { header: '进展情况', width: 44, kind: 'text' },
    { header: '责任人', width: 10, kind: 'text' },
  ];
  const form = new FormSheet(book, columns, meta(`${matrix.scope.name}${o.year}年脱贫人口增收措施推进情况表`, `${o.year}年推进情况`, o, ''));
  let rows = 0;
  for (const g of matrix.groups) {
    const measures = matrix.measures.filter((m) => m.group === g.n && !m.archived);
    if (measures.length === 0) continue;
    form.addMergedRow(groupHeading(g.n, g.title), 'band');
    for (const m of measures) {
      const entries = data.get(m.n)?.progress ?? [];
      const units = m.departments.length > 0 ? m.departments : [null];
      const block = units.map((d) => {
        const p = d ? entries.find((e) => e.year === o.year && e.departmentId === d.departmentId && e.indicatorId === null) : undefined;
        return [m.n, m.title, d?.name ?? '', d ? ROLE_LABELS[d.role] : '', d ? (p?.status ?? '未填报') : '', p?.note ?? '', p?.responsible ?? ''];
      });
      rows += addMergedBlock(form, block, [1, 2]);
    }
  }
  form.finish();
  return rows;
}

function writeIndicatorSheet(book: FormWorkbook, matrix: MatrixResult, data: Map<number, MeasureData>, o: ProgressSheetOptions): void {
  const columns: FormColumn[] = [
    { header: '序号', width: 6, kind: 'seq' },
    { header: '重点措施', width: 22, kind: 'text' },
    { header: '指标', width: 36, kind: 'text' },
    { header: '方案要求', width: 16, kind: 'text' },
    { header: '单位', width: 9, kind: 'id' },
    { header: `${o.year}年目标`, width: 12, kind: 'money' },
    { header: '实际完成', width: 12, kind: 'money' },
    { header: '是否达标', width: 9, kind: 'id' },
    { header: '备注', width: 30, kind: 'text' },
  ];
  const form = new FormSheet(book, columns, meta(`${matrix.scope.name}${o.year}年脱贫人口增收措施指标完成情况表`, `${o.year}年指标完成情况`, o, ''));
  for (const m of matrix.measures.filter((x) => !x.archived)) {
    const d = data.get(m.n);
    const block = (d?.indicators ?? []).map((ind) => {
      const p = d?.progress.find((e) => e.year === o.year && e.indicatorId === ind.id && e.departmentId === null);
      const target = p?.target ?? planTarget(ind, o.year, matrix.scope.county);
      const met = indicatorMet(ind.comparator, target, p?.actual ?? null);
      const required = `${COMPARATOR_LABELS[ind.comparator]}${ind.value}${ind.unit}${ind.year === null ? '' : `（${ind.year}年）`}`;
      return [m.n, m.title, ind.label, required, ind.unit, target, p?.actual ?? null, met === null ? '未填报' : met ? '达标' : '未达标', p?.note ?? ''];
    });
    addMergedBlock(form, block, [1, 2]);
  }
  form.finish();
}

/** Writes both progress sheets; returns the number of measure × unit rows on the first. */
export function writeProgressSheets(db: Db, book: FormWorkbook, matrix: MatrixResult, o: ProgressSheetOptions): number {
  const data = new Map(matrix.measures.map((m) => [m.n, dataOf(db, m.n, matrix.scope.county)]));
  const rows = writeStatusSheet(book, matrix, data, o);
  writeIndicatorSheet(book, matrix, data, o);
  return rows;
}
