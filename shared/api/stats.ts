import { z } from 'zod';
import { method } from './define.ts';
import { RegionCode, Year } from './common.ts';

export const StatsBy = z.enum(['county', 'township', 'village']);
export type StatsBy = z.infer<typeof StatsBy>;

/**
 * One row of the `stats` contract (CLI JSON, start page, analysis, forms). Per-capita figures are yuan
 * with two decimals, weighted by people (Σ net / Σ persons); counts are households; null = not known.
 */
export interface StatsRow {
  code: string;
  name: string;
  households: number;
  persons: number;
  perCapitaNet: number | null;
  wage: number | null;
  business: number | null;
  property: number | null;
  transfer: number | null;
  below8000: number;
  decreased: number;
  relocated: number;
  growth: number | null;
  target: number | null;
  gapToTarget: number | null;
  provinceAverage: number | null;
  gapToProvince: number | null;
}

export interface StatsResult {
  year: number;
  by: StatsBy;
  rows: StatsRow[];
  total: StatsRow;
}

export const StatsArgs = z
  .object({
    year: Year.optional(),
    by: StatsBy.default('county'),
    county: RegionCode.optional(),
    township: RegionCode.optional(),
  })
  .strict();

export interface AppInfo {
  dbPath: string;
  schemaVersion: number;
  isDemo: boolean;
  demoScale: string | null;
  years: number[];
  latestYear: number | null;
  households: number;
  persons: number;
  readOnly: boolean;
  readOnlyReason: string | null;
}

export const statsApi = {
  'app:info': method<AppInfo>()(z.object({}).strict()),
  'stats:get': method<StatsResult>()(StatsArgs),
};
