/**
 * The only bridge between the page and main: one frozen `window.api` with `invoke` and `on`.
 * Raw ipcRenderer is never exposed (checklist #3); events are limited to the known names, and the
 * IPC event object (which carries `sender`) never reaches page code. Bundled to CJS, because a
 * sandboxed preload can require nothing but electron's renderer modules.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, EVENT_NAMES, INVOKE_CHANNEL, type AppEvents, type EventName, type WindowApi } from '../../shared/events.ts';

const api: WindowApi = {
  invoke(name: string, args: unknown): Promise<unknown> {
    if (typeof name !== 'string') return Promise.reject(new TypeError('method name must be a string'));
    return ipcRenderer.invoke(INVOKE_CHANNEL, name, args);
  },
  on<E extends EventName>(event: E, cb: (payload: AppEvents[E]) => void): () => void {
    if (!EVENT_NAMES.includes(event)) throw new TypeError(`unknown event: ${String(event)}`);
    if (typeof cb !== 'function') throw new TypeError('callback must be a function');
    const listener = (_e: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (name === event) cb(payload as AppEvents[E]);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
  pathForFile(file: unknown): string {
    // Only a real File can name a path; anything else (a forged object) gets no path at all.
    return file instanceof File ? webUtils.getPathForFile(file) : '';
  },
};

contextBridge.exposeInMainWorld('api', Object.freeze(api));
