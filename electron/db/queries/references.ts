/** Reference values (targets, province figures, thresholds) as stored: editable, never hard-coded in queries. */
import type { RefKind, RefMetric } from '../../../shared/domain/references.ts';
import { BELOW_LINE_DEFAULT } from '../../../shared/domain/references.ts';
import { CITY } from '../../../shared/domain/regions.ts';
import type { Db } from '../types.ts';

export const PROVINCE_CODE = '620000';

export function referenceValue(db: Db, kind: RefKind, year: number, scope: string, metric: RefMetric): number | null {
  const row = db
    .prepare('SELECT value FROM reference_values WHERE kind = ? AND year = ? AND scope_code = ? AND metric = ?')
    .get(kind, year, scope, metric) as { value: number | null } | undefined;
  return row?.value ?? null;
}

/** A target for a region: its own if set, else its county's, else the city's (the plan sets city targets). */
export function targetFor(db: Db, year: number, code: string, metric: RefMetric = 'perCapitaNet'): number | null {
  const scopes = [code, code.slice(0, 6), CITY.code];
  for (const s of [...new Set(scopes)]) {
    const v = referenceValue(db, 'target', year, s, metric);
    if (v !== null) return v;
  }
  return null;
}

export function provinceAverage(db: Db, year: number, metric: RefMetric = 'perCapitaNet'): number | null {
  return referenceValue(db, 'province', year, PROVINCE_CODE, metric);
}

/** The 两类群体 line for a year (8,000 unless the steward changed it). */
export function belowLine(db: Db, year: number): number {
  return referenceValue(db, 'threshold', year, CITY.code, 'line') ?? BELOW_LINE_DEFAULT;
}
