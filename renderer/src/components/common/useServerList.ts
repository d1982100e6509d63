/**
 * A list paged, sorted and filtered in main, shown in a VirtualTable: the rows, reloaded when the
 * filters change (back to the top) or when `reloadKey` moves (data changed: the position is kept),
 * the header's sort toggle, and the row under the highlight. A list mounted again after a trip to a
 * household keeps its highlighted row and scroll position (they live in the caller's store).
 */
import { watch } from 'vue';
import { errorMessage } from '../../api/client.ts';
import { useVirtualRows, type PageAnswer, type VirtualRows } from './useVirtualRows.ts';

export interface ListPosition {
  index: number;
  scrollTop: number;
}

export interface ServerListOptions<T, A, S extends string> {
  /** The filter arguments as main takes them; a change (by value) reloads from the top. */
  args: () => A;
  fetch: (args: A, offset: number, limit: number, withTotal: boolean) => Promise<PageAnswer<T>>;
  /** The sort state, changed in place by `onSort`. */
  order: { sort: S; dir: 'asc' | 'desc' };
  /** Where the steward was: reset when the filters change. */
  position: () => ListPosition;
  setPosition: (p: ListPosition) => void;
  reloadKey: () => unknown;
}

export interface ServerList<T> {
  rows: VirtualRows<T>;
  onSort(key: string): void;
  /** The row at a table index, if fetched. */
  at(index: number): T | undefined;
}

export function useServerList<T, A, S extends string>(o: ServerListOptions<T, A, S>): ServerList<T> {
  const rows = useVirtualRows<T>(errorMessage);

  async function reload(keepPosition: boolean): Promise<void> {
    const a = o.args();
    if (!keepPosition) o.setPosition({ index: 0, scrollTop: 0 });
    await rows.reset((offset, limit, withTotal) => o.fetch(a, offset, limit, withTotal));
  }

  watch(() => JSON.stringify(o.args()), () => void reload(false));
  watch(o.reloadKey, () => void reload(true));
  void reload(true);

  return {
    rows,
    onSort(key) {
      // The header only offers the keys of its columns, which are the list's sort keys.
      if (o.order.sort === key) o.order.dir = o.order.dir === 'asc' ? 'desc' : 'asc';
      else Object.assign(o.order, { sort: key, dir: 'asc' });
    },
    at: (index) => rows.row(index),
  };
}
