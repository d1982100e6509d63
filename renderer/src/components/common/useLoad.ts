/**
 * A value a view loads from main: `data`, `loading`, `error` (the steward's words, shown in an
 * alert where the value would be) and `load()`. Only the latest call's answer is kept: a slow
 * answer to an older scope never overwrites the newer one (the steward switched county mid-load).
 * With `reload`, it loads through useReload (mount, data:changed, scope change).
 */
import { ref, type Ref } from 'vue';
import { errorMessage } from '../../api/client.ts';
import { useReload, type ReloadOptions } from './useReload.ts';

export interface Loaded<T> {
  data: Ref<T | null>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  load(): Promise<void>;
}

/** `fetch` returning undefined means "nothing to load now" (no year yet): data becomes null. */
export function useLoad<T>(fetch: () => Promise<T> | undefined, reload?: ReloadOptions): Loaded<T> {
  // A deep ref, as the views had: a child that edits a loaded row in place still re-renders.
  const data = ref<T | null>(null) as Ref<T | null>;
  const loading = ref(false);
  const error = ref<string | null>(null);
  let generation = 0;

  async function load(): Promise<void> {
    const gen = ++generation;
    const pending = fetch();
    if (pending === undefined) {
      data.value = null;
      loading.value = false;
      return;
    }
    loading.value = true;
    try {
      const value = await pending;
      if (gen !== generation) return;
      data.value = value;
      error.value = null;
    } catch (e) {
      if (gen === generation) error.value = errorMessage(e);
    } finally {
      if (gen === generation) loading.value = false;
    }
  }

  if (reload) useReload(load, reload);
  return { data, loading, error, load };
}
