/**
 * The one lookup of the monitoring line (防止返贫监测范围, reference_values threshold / monitoringFloor)
 * that analysis, monitoring, cases and 数据核查 all use, so a steward never sees two lines for the
 * same year. Order: the county's own value when the figure concerns one county's households, else
 * the city's, else the province's (seeded from the province's figures, editable on 参考值).
 */
import { CITY } from '../../../shared/domain/regions.ts';
import type { Db } from '../types.ts';
import { PROVINCE_CODE } from './references.ts';

export interface LineRow {
  value: number;
  scope: string;
  scopeName: string;
  source: string;
}

/** Scopes in the order they are asked: county (if given), city, province. */
export function lineScopes(county?: string | null): string[] {
  return [...new Set([...(county ? [county] : []), CITY.code, PROVINCE_CODE])];
}

export function monitoringLineOf(db: Db, year: number, county?: string | null): LineRow | null {
  const scopes = lineScopes(county);
  const rows = db.prepare(
    `SELECT v.value, v.scope_code AS scope, v.source, r.name FROM reference_values v LEFT JOIN regions r ON r.code = v.scope_code
     WHERE v.kind = 'threshold' AND v.metric = 'monitoringFloor' AND v.year = ? AND v.value IS NOT NULL
       AND v.scope_code IN (SELECT value FROM json_each(?))`,
  ).all(year, JSON.stringify(scopes)) as Array<{ value: number; scope: string; source: string; name: string | null }>;
  const row = scopes.map((s) => rows.find((r) => r.scope === s)).find((r) => r !== undefined);
  if (!row) return null;
  return { value: row.value, scope: row.scope, scopeName: row.name ?? (row.scope === PROVINCE_CODE ? '甘肃省' : row.scope), source: row.source };
}
