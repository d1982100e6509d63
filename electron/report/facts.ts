/**
 * Everything the 增收情况分析 report says, read once: the 增收分析 view of the scope (whose `stats`
 * field is exactly `stats:get` for the scope and year), last year's components, the weakest
 * regions and the plan's measures' progress. The prose and tables are built from these facts only,
 * so every number in the document is a `stats` number or a measure count read here.
 */
import type { AnalysisResult } from '../../shared/api/analysis.ts';
import { indicatorMet, type MatrixIndicator } from '../../shared/api/matrix.ts';
import type { StatsRow } from '../../shared/api/stats.ts';
import { CITY } from '../../shared/domain/regions.ts';
import { computeStats } from '../analysis/stats.ts';
import { buildAnalysis } from '../analysis/view.ts';
import type { Db } from '../db/types.ts';
import { readSignatures } from '../export/layout.ts';
import { dataAsOf, isDemo, sourceText } from '../export/marks.ts';

export interface IndicatorFact {
  label: string;
  unit: string;
  target: number | null;
  actual: number;
  met: boolean;
}

export interface MeasuresFact {
  /** Measures of the plan in force (not archived). */
  total: number;
  /** By the least advanced status recorded for the year among a measure's units; 未填报 when none. */
  done: number;
  inProgress: number;
  notStarted: number;
  notReported: number;
  indicators: IndicatorFact[];
}

export interface ReportFacts {
  analysis: AnalysisResult;
  total: StatsRow;
  /** Last year's total for the same scope; null when that year has no income records. */
  previous: StatsRow | null;
  /** Child regions with data, lowest per-capita first, at most three. */
  weakest: StatsRow[];
  /** Child regions with a target gap (> 0). */
  belowTarget: number;
  childCount: number;
  measures: MeasuresFact;
  demo: boolean;
  asOf: string | null;
  source: string;
  unitName: string;
  line: number;
}

const STATUS_RANK: Record<string, number> = { 未启动: 0, 推进中: 1, 已完成: 2 };

function indicatorsOfYear(db: Db, year: number, county: string | null): IndicatorFact[] {
  const rows = db.prepare(`SELECT i.label, i.unit, i.comparator, i.value, p.target, p.actual
      FROM measure_progress p JOIN measure_indicators i ON i.id = p.indicator_id JOIN measures m ON m.id = p.measure_id
      WHERE p.year = ? AND p.county_code IS ? AND p.actual IS NOT NULL AND m.archived = 0 ORDER BY m.n, i.id`)
    .all(year, county) as Array<{ label: string; unit: string; comparator: MatrixIndicator['comparator']; value: number; target: number | null; actual: number }>;
  return rows.map((r) => {
    const target = r.target ?? r.value;
    return { label: r.label, unit: r.unit, target, actual: r.actual, met: indicatorMet(r.comparator, target, r.actual) === true };
  });
}

export function measuresFact(db: Db, year: number, county: string | null): MeasuresFact {
  const rows = db.prepare(`SELECT m.id, (SELECT group_concat(p.status) FROM measure_progress p
      WHERE p.measure_id = m.id AND p.year = ? AND p.county_code IS ? AND p.department_id IS NOT NULL) AS statuses
      FROM measures m WHERE m.archived = 0`).all(year, county) as Array<{ id: number; statuses: string | null }>;
  const f: MeasuresFact = { total: rows.length, done: 0, inProgress: 0, notStarted: 0, notReported: 0, indicators: indicatorsOfYear(db, year, county) };
  for (const r of rows) {
    if (!r.statuses) {
      f.notReported++;
      continue;
    }
    const least = Math.min(...r.statuses.split(',').map((s) => STATUS_RANK[s] ?? 0));
    if (least === 2) f.done++;
    else if (least === 1) f.inProgress++;
    else f.notStarted++;
  }
  return f;
}

export function gatherFacts(db: Db, q: { year?: number | undefined; county?: string | undefined }): ReportFacts {
  const analysis = buildAnalysis(db, { year: q.year, scope: q.county ?? CITY.code });
  const year = analysis.year;
  const by = analysis.childLevel ?? 'village';
  const prevStats = analysis.years.includes(year - 1) ? computeStats(db, { year: year - 1, by, county: q.county }) : null;
  const withData = analysis.stats.rows.filter((r) => r.perCapitaNet !== null);
  const weakest = [...withData].sort((a, b) => (a.perCapitaNet as number) - (b.perCapitaNet as number)).slice(0, 3);
  return {
    analysis,
    total: analysis.stats.total,
    previous: prevStats ? prevStats.total : null,
    weakest,
    belowTarget: withData.filter((r) => r.gapToTarget !== null && r.gapToTarget > 0).length,
    childCount: withData.length,
    measures: measuresFact(db, year, q.county ?? null),
    demo: isDemo(db),
    asOf: dataAsOf(db),
    source: sourceText(db),
    unitName: readSignatures(db).unitName,
    line: analysis.distribution.line,
  };
}
