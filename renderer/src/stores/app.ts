/**
 * Facts about the open database (`app:info`) that the layout, the demo banner and the start page
 * share. Reloaded whenever main says the data changed. While main is still preparing the database
 * (first start builds a demo ledger, which takes a while) calls answer `busy`: the store shows
 * main's message and the progress events, and asks again.
 */
import { defineStore } from 'pinia';
import { ref, watch, type Ref } from 'vue';
import type { AppInfo } from '../../../shared/api/stats.ts';
import type { SettingsValues } from '../../../shared/api/settings.ts';
import { ApiError, errorMessage, invoke, onEvent } from '../api/client.ts';

const RETRY_MS = 1000;

export const useAppStore = defineStore('app', () => {
  const info = ref<AppInfo | null>(null);
  /** 本单位, its county and the operator: the first start asks for them; views default to the county. */
  const settings = ref<SettingsValues | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);
  /** Main's "please wait" message while the database is being prepared. */
  const starting = ref<string | null>(null);
  const startProgress = ref<{ current: number; total: number | null } | null>(null);
  let subscribed = false;
  let retry: ReturnType<typeof setTimeout> | null = null;

  async function load(): Promise<void> {
    if (retry !== null) clearTimeout(retry);
    retry = null;
    loading.value = true;
    try {
      info.value = await invoke('app:info', {});
      settings.value = await invoke('settings:get', {});
      error.value = null;
      starting.value = null;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'busy') {
        starting.value = e.message;
        retry = setTimeout(() => void load(), RETRY_MS);
      } else {
        error.value = errorMessage(e);
      }
    } finally {
      loading.value = false;
    }
  }

  /** First load plus the event subscriptions; safe to call more than once. */
  function init(): Promise<void> {
    if (!subscribed) {
      subscribed = true;
      onEvent('data:changed', () => void load());
      onEvent('job:progress', (p) => {
        if (p.jobId === 'first-run') startProgress.value = { current: p.current, total: p.total };
      });
    }
    return load();
  }

  /** The county views open on ('' = the city): 本单位's county. */
  const homeCounty = (): string => settings.value?.unit_county ?? '';

  return { info, settings, error, loading, starting, startProgress, load, init, homeCounty };
});

/**
 * Starts a view's county filter at 本单位's county: now if the settings are loaded, else when they
 * arrive — unless the steward already chose a scope in this view.
 */
export function useHomeCounty(county: Ref<string>): void {
  const store = useAppStore();
  if (store.settings) {
    county.value = store.homeCounty();
    return;
  }
  let touched = false;
  const stopTouch = watch(county, () => { touched = true; });
  const stop = watch(() => store.settings, (v) => {
    if (!v) return;
    stopTouch();
    stop();
    if (!touched) county.value = v.unit_county;
  });
}
