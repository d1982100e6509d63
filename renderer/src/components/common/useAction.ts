/**
 * The one try/catch/message pattern: run a call, show its success, or show why it failed in the
 * steward's words (errorMessage humanises anything technical), and say whether it is running.
 * Replaces the block every view repeated; a failure never throws into Vue's error handler.
 */
import { ref, type Ref } from 'vue';
import { ElMessage } from 'element-plus';
import { errorMessage } from '../../api/client.ts';

export interface ActionOptions<T> {
  /** Shown as a success message; a function may word it from the result. */
  success?: string | ((result: T) => string);
  /** Where to put the failure (an alert in the form) instead of a message at the top. */
  error?: Ref<string | null>;
}

export function useAction(): {
  busy: Ref<boolean>;
  run: <T>(fn: () => Promise<T>, opts?: ActionOptions<T>) => Promise<{ ok: true; value: T } | { ok: false }>;
} {
  const busy = ref(false);
  async function run<T>(fn: () => Promise<T>, opts: ActionOptions<T> = {}): Promise<{ ok: true; value: T } | { ok: false }> {
    busy.value = true;
    try {
      const value = await fn();
      if (opts.error) opts.error.value = null;
      const s = typeof opts.success === 'function' ? opts.success(value) : opts.success;
      if (s) ElMessage.success(s);
      return { ok: true, value };
    } catch (e) {
      if (opts.error) opts.error.value = errorMessage(e);
      else ElMessage.error(errorMessage(e));
      return { ok: false };
    } finally {
      busy.value = false;
    }
  }
  return { busy, run };
}
