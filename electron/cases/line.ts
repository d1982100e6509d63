/**
 * The monitoring line (防止返贫监测范围) of a year for a county: the county's own value if it set one,
 * else the city's, else the province's (reference_values, threshold / monitoringFloor, editable on the
 * 参考值 page), and the income item of the elimination checklist computed against it.
 */
import { monitoringLineOf } from '../db/queries/monitoring-line.ts';
import type { Db } from '../db/types.ts';
import type { MonitoringLine } from '../../shared/api/cases.ts';
import { CHECKLIST_LABELS, type ChecklistResult } from '../../shared/cases/checklist.ts';
import { formatYuan } from '../../shared/domain/format.ts';

export function monitoringLine(db: Db, year: number, county: string): MonitoringLine | null {
  const row = monitoringLineOf(db, year, county);
  return row ? { year, ...row } : null;
}

/**
 * Income of the elimination year (else the year before, said so): per-capita net strictly above the
 * line of the same year. Compared in integer fen: net_fen > line × 100 × size, no rounding.
 */
export function incomeItem(db: Db, householdId: number | null, county: string, date: string): ChecklistResult {
  const label = CHECKLIST_LABELS.income;
  const fail = (detail: string): ChecklistResult => ({ item: 'income', label, ok: false, detail });
  if (householdId === null) return fail('该户已不在台账中，无法核对收入。');
  const year = Number(date.slice(0, 4));
  const rec = db.prepare('SELECT year, net_fen, size FROM income_records WHERE household_id = ? AND year IN (?, ?) ORDER BY year DESC LIMIT 1')
    .get(householdId, year, year - 1) as { year: number; net_fen: number; size: number } | undefined;
  if (!rec) return fail(`台账中没有 ${year - 1} 或 ${year} 年的收入记录。`);
  const line = monitoringLine(db, rec.year, county);
  if (!line) return fail(`未设定 ${rec.year} 年的防止返贫监测范围（参考值），请先在“参考值”中录入。`);
  const perCapita = rec.net_fen / rec.size / 100;
  const ok = rec.net_fen > Math.round(line.value * 100) * rec.size;
  return {
    item: 'income', label, ok,
    detail: `${rec.year} 年家庭人均纯收入 ${formatYuan(perCapita)} 元，${line.scopeName} ${rec.year} 年监测范围 ${formatYuan(line.value, Number.isInteger(line.value) ? 0 : 2)} 元（${ok ? '高于' : '未高于'}）`,
  };
}
