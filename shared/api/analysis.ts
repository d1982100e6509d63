/**
 * 增收分析 (income gap analysis), the reference values behind it, and saving a chart as PNG.
 * Every figure is yuan with two decimals, computed with shared/domain/income.ts from the same sums
 * as `stats` (the view's `stats` field is exactly what `stats:get` returns for the scope).
 */
import { z } from 'zod';
import { method } from './define.ts';
import { RegionCode, ShortText, Year } from './common.ts';
import type { StatsResult, StatsRow } from './stats.ts';

export type ScopeLevel = 'city' | 'county' | 'township' | 'village';
export type ComponentMetric = 'wage' | 'business' | 'property' | 'transfer';

export interface ScopeNode {
  code: string;
  name: string;
  level: ScopeLevel;
}

export interface TrajectoryPoint {
  year: number;
  /** People-weighted per-capita net income of the scope from the ledger. */
  actual: number | null;
  /** The figure the plan reports for this scope and year (kind 'actual'), for comparison. */
  reported: number | null;
  target: number | null;
  /** target − actual, like `stats`' gapToTarget. */
  gapToTarget: number | null;
  provinceAverage: number | null;
  /** provinceAverage − actual, shown beside gapToTarget. */
  gapToProvince: number | null;
  provinceTarget: number | null;
  /** The plan's growth path: the base year's actual compounded at the target growth rate. */
  path: number | null;
  growth: number | null;
}

export interface RequiredIncrease {
  fromYear: number;
  fromValue: number;
  targetYear: number;
  target: number;
  yuanPerYear: number;
  ratePerYear: number;
}

export interface Trajectory {
  points: TrajectoryPoint[];
  growthRate: number | null;
  pathBase: { year: number; value: number } | null;
  required: RequiredIncrease | null;
}

export interface ComponentFigure {
  metric: ComponentMetric;
  label: string;
  actual: number | null;
  target: number | null;
  gapToTarget: number | null;
  provinceAverage: number | null;
  gapToProvince: number | null;
}

export interface ComponentBlock {
  code: string;
  name: string;
  figures: ComponentFigure[];
}

export interface RankingRow extends StatsRow {
  /** Share of the scope's people. */
  share: number | null;
  /** share × (own per-capita − scope per-capita): yuan this unit moves the scope's average; negative pulls it down. */
  pull: number | null;
}

export interface HistogramBin {
  from: number;
  /** null: open-ended last bin. */
  to: number | null;
  households: number;
}

export interface Distribution {
  households: number;
  line: number;
  belowLine: number;
  monitoringFloor: number | null;
  belowFloor: number | null;
  binWidth: number;
  bins: HistogramBin[];
}

export interface CategoryCounts {
  belowLine: number;
  decreased: number;
  relocated: number;
  anyCategory: number;
}

export interface CategoryRow extends CategoryCounts {
  code: string;
  name: string;
  households: number;
  previous: CategoryCounts | null;
  change: CategoryCounts | null;
}

export interface AnalysisResult {
  year: number;
  years: number[];
  scope: ScopeNode;
  path: ScopeNode[];
  childLevel: 'county' | 'township' | 'village' | null;
  stats: StatsResult;
  trajectory: Trajectory;
  components: { total: ComponentBlock; rows: ComponentBlock[] };
  ranking: RankingRow[];
  distribution: Distribution;
  categories: { previousYear: number | null; rows: CategoryRow[]; total: CategoryRow };
}

export const AnalysisArgs = z
  .object({
    year: Year.optional(),
    scope: RegionCode.default('620400'),
  })
  .strict();

export const REF_KINDS = ['target', 'actual', 'province', 'threshold'] as const;
export const REF_METRICS = ['perCapitaNet', 'wage', 'business', 'property', 'transfer', 'line', 'monitoringFloor', 'growthRate'] as const;

export interface RefRow {
  id: number | null;
  kind: (typeof REF_KINDS)[number];
  year: number;
  scope: string;
  scopeName: string;
  metric: (typeof REF_METRICS)[number];
  value: number | null;
  source: string;
  verified: boolean;
  updatedAt: string | null;
}

export const RefUpdateArgs = z
  .object({
    kind: z.enum(REF_KINDS),
    year: Year,
    scope: RegionCode,
    metric: z.enum(REF_METRICS),
    value: z.number().finite().min(-1).max(10_000_000).nullable(),
    source: z.string().max(1000),
    verified: z.boolean().default(false),
  })
  .strict();

/** A PNG as a data URL (ECharts getDataURL); 30 MB of base64 is far above any chart. */
export const SavePngArgs = z
  .object({
    dataUrl: z.string().max(30_000_000).startsWith('data:image/png;base64,'),
    name: ShortText.min(1),
  })
  .strict();

export const analysisApi = {
  'analysis:view': method<AnalysisResult>()(AnalysisArgs),
  'refs:list': method<RefRow[]>()(z.object({}).strict()),
  'refs:update': method<RefRow>()(RefUpdateArgs, { writes: 'tx', audit: ['reference'], changes: 'references' }),
  'chart:savePng': method<{ path: string | null }>()(SavePngArgs),
};
