/**
 * Unsaved input, app-wide. A component that holds typed but unsaved input registers a function that
 * names it ("产业就业科的进展"); leaving the page (any route change, including closing a drawer that
 * lives in the URL) asks first instead of throwing the input away.
 */
import { onBeforeUnmount } from 'vue';
import { ElMessageBox } from 'element-plus';

type Describe = () => string[];
const sources = new Set<Describe>();

/** Registers for the component's lifetime; `describe` returns what is unsaved (empty when nothing). */
export function useUnsaved(describe: Describe): void {
  sources.add(describe);
  onBeforeUnmount(() => sources.delete(describe));
}

export function unsavedInput(): string[] {
  return [...sources].flatMap((d) => d());
}

/** True when there is nothing unsaved or the steward chose to discard it. */
export async function confirmDiscard(what = unsavedInput()): Promise<boolean> {
  if (what.length === 0) return true;
  const list = what.slice(0, 5).join('、') + (what.length > 5 ? ` 等 ${what.length} 处` : '');
  try {
    await ElMessageBox.confirm(`${list}还没有保存。离开后这些填写将丢失。`, '有未保存的填写', {
      confirmButtonText: '放弃填写并离开',
      cancelButtonText: '留在此页',
      type: 'warning',
    });
    return true;
  } catch {
    return false;
  }
}

let alreadyConfirmed = false;

/**
 * For a drawer or dialog that asks before it closes (Esc and the mask close it before any route
 * guard could answer): asks, and when the steward discards, lets the route change that follows
 * through without asking twice.
 */
export async function confirmClose(): Promise<boolean> {
  const ok = await confirmDiscard();
  alreadyConfirmed = ok && unsavedInput().length > 0;
  return ok;
}

/** The router guard: `router.beforeEach(leaveGuard)`. */
export async function leaveGuard(): Promise<boolean> {
  if (alreadyConfirmed) {
    alreadyConfirmed = false;
    return true;
  }
  return confirmDiscard();
}

/**
 * Closing or reloading the window with unsaved input: the page refuses to unload, and Electron's main
 * process asks (window.ts, will-prevent-unload); a plain browser shows its own question.
 */
export function installUnloadGuard(target: Pick<Window, 'addEventListener'> = window): void {
  target.addEventListener('beforeunload', (e: BeforeUnloadEvent) => {
    if (unsavedInput().length === 0) return;
    e.preventDefault();
    // Chromium still needs returnValue set for the question to appear.
    e.returnValue = '';
  });
}
