/**
 * All reference values read once per request: a village-level `stats` asks for hundreds of targets,
 * and one SELECT of a few dozen rows beats hundreds of prepared lookups. The fallbacks are those of
 * references.ts (a region's own target, else its county's, else the city's).
 */
import type { RefKind, RefMetric } from '../../../shared/domain/references.ts';
import { BELOW_LINE_DEFAULT } from '../../../shared/domain/references.ts';
import { CITY } from '../../../shared/domain/regions.ts';
import type { Db } from '../types.ts';
import { lineScopes } from './monitoring-line.ts';
import { PROVINCE_CODE } from './references.ts';

export interface RefSnapshot {
  get(kind: RefKind, year: number, scope: string, metric: RefMetric): number | null;
  target(year: number, code: string, metric?: RefMetric): number | null;
  province(year: number, metric?: RefMetric): number | null;
  line(year: number): number;
  monitoringFloor(year: number): number | null;
  /** Years that carry a city per-capita target, ascending (2023–2025 from the plan). */
  targetYears(): number[];
}

export function loadReferences(db: Db): RefSnapshot {
  const rows = db.prepare('SELECT kind, year, scope_code AS scope, metric, value FROM reference_values WHERE value IS NOT NULL').all() as Array<{
    kind: RefKind;
    year: number;
    scope: string;
    metric: RefMetric;
    value: number;
  }>;
  const map = new Map(rows.map((r) => [`${r.kind}|${r.year}|${r.scope}|${r.metric}`, r.value]));
  const get = (kind: RefKind, year: number, scope: string, metric: RefMetric): number | null => map.get(`${kind}|${year}|${scope}|${metric}`) ?? null;
  return {
    get,
    target(year, code, metric = 'perCapitaNet') {
      for (const s of new Set([code, code.slice(0, 6), CITY.code])) {
        const v = get('target', year, s, metric);
        if (v !== null) return v;
      }
      return null;
    },
    province: (year, metric = 'perCapitaNet') => get('province', year, PROVINCE_CODE, metric),
    line: (year) => get('threshold', year, CITY.code, 'line') ?? BELOW_LINE_DEFAULT,
    // Same order as monitoring-line.ts (city, else province), so every view shows the same line.
    monitoringFloor: (year) => lineScopes().map((s) => get('threshold', year, s, 'monitoringFloor')).find((v) => v !== null) ?? null,
    targetYears: () =>
      [...new Set(rows.filter((r) => r.kind === 'target' && r.scope === CITY.code && r.metric === 'perCapitaNet').map((r) => r.year))].sort((a, b) => a - b),
  };
}
