/**
 * What every analysis panel needs to send a number elsewhere: the scope and year on screen (for a
 * drill-down to the ledger) and the words around a saved chart (region, year, source, demo mark).
 * AnalysisView provides it; panels inject it instead of threading more props through.
 */
import { inject, type ComputedRef, type InjectionKey } from 'vue';
import { useRouter } from 'vue-router';
import { ElMessage } from 'element-plus';
import type { ChartContext } from '../common/chart-context.ts';
import { householdFilterQuery, type HouseholdListFilter } from '../../../../shared/domain/list-filters.ts';

/** The chart words (ChartContext) plus the scope on screen for a drill-down. */
export interface AnalysisContext extends ChartContext {
  scopeCode: string;
  year: number;
}

export const ANALYSIS_CONTEXT: InjectionKey<ComputedRef<AnalysisContext>> = Symbol('analysis-context');

export function useAnalysisContext(): ComputedRef<AnalysisContext> | null {
  return inject(ANALYSIS_CONTEXT, null);
}

/** A region code as the ledger's region filters (the city is no filter). */
export function regionFilter(code: string): Partial<HouseholdListFilter> {
  if (code.length === 6) return code === '620400' ? {} : { county: code };
  if (code.length === 9) return { township: code };
  return { village: code };
}

/**
 * Opens 台账 on the households behind a figure. Households without a village are grouped under the
 * township's code + 000 in the analysis; the ledger cannot select "no village", so the township is
 * opened and the steward is told so.
 */
export function useOpenLedger(): (code: string, extra?: Partial<HouseholdListFilter>) => void {
  const router = useRouter();
  const ctx = useAnalysisContext();
  return (code, extra = {}) => {
    let region = code;
    if (code.length === 12 && code.endsWith('000')) {
      region = code.slice(0, 9);
      ElMessage.warning('“未填村”的农户不能单独筛选，已打开所在乡镇的全部农户');
    }
    const filter = { ...regionFilter(region), ...(ctx ? { year: ctx.value.year } : {}), ...extra };
    void router.push({ path: '/ledger', query: householdFilterQuery(filter) });
  };
}
