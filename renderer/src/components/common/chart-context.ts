/**
 * The words around a saved chart (region, year, source, demo mark). A view provides them once
 * (AnalysisView for its panels); a ChartPanel outside such a view uses its own title alone.
 */
import { inject, type ComputedRef, type InjectionKey } from 'vue';

/** What a panel needs from its chart: the picture, once drawn. */
export type ChartHandle = { dataUrl(): string | null };

export interface ChartContext {
  scopeName: string;
  year: number | string;
  demo: boolean;
  /** 数据来源 of a saved chart: the database file by name (or the demo). */
  source: string;
}

export const CHART_CONTEXT: InjectionKey<ComputedRef<ChartContext>> = Symbol('chart-context');

export function useChartContext(): ComputedRef<ChartContext> | null {
  return inject(CHART_CONTEXT, null);
}
