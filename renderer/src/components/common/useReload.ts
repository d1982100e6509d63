/**
 * The one "load, and load again when it may have changed" pattern: a view loads on mount, again
 * when main announces `data:changed` (an import, an edit, an undo) and again when its scope (the
 * county, the year, the filters) changes; the subscription ends with the component. Every view used
 * to wire onMounted + onEvent + watch + onUnmounted by hand.
 */
import { onMounted, onUnmounted, watch, type WatchSource } from 'vue';
import type { AppEvents } from '../../../../shared/events.ts';
import { onEvent } from '../../api/client.ts';

export interface ReloadOptions {
  /** What the loaded figures depend on; a change reloads. */
  sources?: WatchSource[] | WatchSource;
  /** Load on mount too (default true). */
  immediate?: boolean;
  /** Only these data:changed areas reload (default: every change). */
  when?: (e: AppEvents['data:changed']) => boolean;
  /**
   * false: do not listen to data:changed. For a view whose sources include the app store's `info`:
   * the store reloads it on data:changed, and loading before it arrives would read the old year.
   */
  dataChanged?: boolean;
}

export function useReload(load: () => unknown, opts: ReloadOptions = {}): void {
  const run = (): void => void load();
  let off: (() => void) | null = null;
  onMounted(() => {
    if (opts.dataChanged ?? true) {
      off = onEvent('data:changed', (e) => {
        if (!opts.when || opts.when(e)) run();
      });
    }
    if (opts.immediate ?? true) run();
  });
  onUnmounted(() => off?.());
  if (opts.sources !== undefined) watch(opts.sources, run, { deep: true });
}
