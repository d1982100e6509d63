/**
 * Rows of a list the size of a city, fetched a page at a time as the virtual table needs them.
 * The first page brings the total (which sizes the scroll bar); later pages skip the count. Pages
 * are cached sparsely and dropped when the filters change; a stale answer (filters changed while
 * it was in flight) is ignored.
 */
import { ref, shallowRef, type Ref } from 'vue';

export const PAGE = 100;

export interface PageAnswer<T> {
  rows: T[];
  total: number | null;
}

export type PageLoader<T> = (offset: number, limit: number, withTotal: boolean) => Promise<PageAnswer<T>>;

export interface VirtualRows<T> {
  total: Ref<number>;
  loading: Ref<boolean>;
  error: Ref<string | null>;
  /** Bumped whenever rows arrive, so templates re-read `row(i)`. */
  version: Ref<number>;
  row(index: number): T | undefined;
  ensure(from: number, to: number): void;
  reset(loader: PageLoader<T>): Promise<void>;
}

export function useVirtualRows<T>(describe: (e: unknown) => string): VirtualRows<T> {
  const total = ref(0);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const version = ref(0);
  const pages = shallowRef(new Map<number, T[]>());
  const pending = new Set<number>();
  let loader: PageLoader<T> | null = null;
  let generation = 0;

  async function fetchPage(page: number, withTotal: boolean): Promise<void> {
    if (!loader || pages.value.has(page) || pending.has(page)) return;
    const gen = generation;
    pending.add(page);
    try {
      const answer = await loader(page * PAGE, PAGE, withTotal);
      if (gen !== generation) return;
      pages.value.set(page, answer.rows);
      if (answer.total !== null) total.value = answer.total;
      error.value = null;
      version.value++;
    } catch (e) {
      if (gen === generation) error.value = describe(e);
    } finally {
      pending.delete(page);
    }
  }

  return {
    total, loading, error, version,
    row: (index) => pages.value.get(Math.floor(index / PAGE))?.[index % PAGE],
    ensure(from, to) {
      for (let p = Math.floor(Math.max(0, from) / PAGE); p <= Math.floor(Math.max(0, to) / PAGE); p++) {
        if (p * PAGE < total.value) void fetchPage(p, false);
      }
    },
    async reset(next) {
      generation++;
      loader = next;
      pending.clear();
      pages.value = new Map();
      loading.value = true;
      try {
        await fetchPage(0, true);
      } finally {
        loading.value = false;
      }
    },
  };
}
