/**
 * The 监测帮扶 vocabularies (years, the plan's 22 measures, types, statuses, regions), loaded once
 * per window: the household card is also embedded in the ledger's household page, which does not
 * load them itself.
 */
import { ref, type Ref } from 'vue';
import type { MonitoringOptions } from '../../../../shared/api/monitoring.ts';
import { invoke } from '../../api/client.ts';

let pending: Promise<MonitoringOptions> | null = null;
const cached = ref<MonitoringOptions | null>(null);

export function useMonitoringOptions(): { options: Ref<MonitoringOptions | null>; load: () => Promise<MonitoringOptions> } {
  const load = (): Promise<MonitoringOptions> => {
    pending ??= invoke('monitoring:options', {}).then((o) => {
      cached.value = o;
      return o;
    }, (e: unknown) => {
      pending = null;
      throw e;
    });
    return pending;
  };
  return { options: cached, load };
}

/** Reload after an import added a year. */
export function forgetMonitoringOptions(): void {
  pending = null;
}

/** The measure type a measure of the plan most often means (the steward can change it). */
export function typeForMeasure(n: number, group: number): string {
  if (n === 13) return '公益岗位';
  if (n === 8) return '教育';
  if (n === 18) return '健康';
  return ({ 1: '产业', 2: '就业', 3: '产业', 4: '兜底保障', 5: '其他' } as Record<number, string>)[group] ?? '其他';
}
