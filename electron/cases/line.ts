/**
 * The monitoring line (防止返贫监测范围) of a year for a county: the county's own value if it set one,
 * else the city's, else the province's (reference_values, threshold / monitoringFloor, editable on the
 * 参考值 page), and the income item of the elimination checklist computed against it.
 */
import type { Db } from '../db/types.ts';
import type { MonitoringLine } from '../../shared/api/cases.ts';
import { CHECKLIST_LABELS, type ChecklistResult } from '../../shared/cases/checklist.ts';
import { formatYuan } from '../../shared/domain/format.ts';

const CITY = '620400';
const PROVINCE = '620000';

export function monitoringLine(db: Db, year: number, county: string): MonitoringLine | null {
  const row = db.prepare(
    `SELECT v.value, v.scope_code AS scope, v.source, r.name FROM reference_values v LEFT JOIN regions r ON r.code = v.scope_code
     WHERE v.kind = 'threshold' AND v.metric = 'monitoringFloor' AND v.year = ? AND v.value IS NOT NULL AND v.scope_code IN (?, ?, ?)
     ORDER BY CASE v.scope_code WHEN ? THEN 0 WHEN ? THEN 1 ELSE 2 END LIMIT 1`,
  ).get(year, county, CITY, PROVINCE, county, CITY) as { value: number; scope: string; source: string; name: string | null } | undefined;
  if (!row) return null;
  return { year, value: row.value, scope: row.scope, scopeName: row.name ?? (row.scope === PROVINCE ? '甘肃省' : row.scope), source: row.source };
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
