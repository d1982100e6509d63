/**
 * The Electron adapter of the API table: one invoke channel into `session.dispatch` (which
 * validates the method name and arguments with zod) and one event channel back to the window.
 * The sender is checked first, so a frame that is not the app's own page never reaches a service.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Envelope } from '../../shared/errors.ts';
import { EVENT_CHANNEL, EVENT_NAMES, INVOKE_CHANNEL, type AppEvents, type EventName } from '../../shared/events.ts';
import { senderFault } from './security.ts';

export { INVOKE_CHANNEL, EVENT_CHANNEL };

export type DispatchFn = (name: unknown, args: unknown) => Promise<Envelope<unknown>>;

/** What ipc needs to know about the calling frame; the pure part tests pass directly. */
export interface SenderInfo {
  url: string | null | undefined;
  isTopFrame: boolean;
}

export function senderOf(event: IpcMainInvokeEvent): SenderInfo {
  const frame = event.senderFrame;
  return { url: frame?.url, isTopFrame: frame !== null && frame.parent === null };
}

/** Sender check, then dispatch; never throws, so the renderer always receives an envelope. */
export async function handleInvoke(sender: SenderInfo, dispatch: DispatchFn, name: unknown, args: unknown): Promise<Envelope<unknown>> {
  const fault = senderFault(sender.url, sender.isTopFrame);
  if (fault) return { ok: false, error: fault };
  return dispatch(name, args);
}

/**
 * `getDispatch` returns null while the database is still being prepared (first start); callers
 * then get a `busy` envelope with `busyMessage()` and retry.
 */
export function registerIpc(ipcMain: IpcMain, getDispatch: () => DispatchFn | null, busyMessage: () => string): void {
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, args: unknown) => {
    const dispatch = getDispatch();
    if (dispatch === null) {
      const busy: Envelope<unknown> = { ok: false, error: { code: 'busy', message: busyMessage() } };
      return handleInvoke(senderOf(event), () => Promise.resolve(busy), name, args);
    }
    return handleInvoke(senderOf(event), dispatch, name, args);
  });
}

/** Builds the session's `emit`: events go to the one window, if it is still there. */
export function eventForwarder(getContents: () => WebContents | null) {
  return <E extends EventName>(event: E, payload: AppEvents[E]): void => {
    if (!EVENT_NAMES.includes(event)) return;
    const contents = getContents();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
  };
}
