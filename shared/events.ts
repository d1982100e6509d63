/** The second table: events main pushes to the renderer. Payloads are plain objects. */
import type { ErrorDto } from './errors.ts';

export interface JobProgress {
  jobId: string;
  kind: string;
  step: string;
  current: number;
  total: number | null;
  /** Imports: rows checked and written so far (`current` counts rows read). */
  checked?: number;
}

export interface JobDone {
  jobId: string;
  kind: string;
  result: unknown;
}

export interface JobFailed {
  jobId: string;
  kind: string;
  error: ErrorDto;
}

export interface AppEvents {
  'job:progress': JobProgress;
  'job:done': JobDone;
  'job:failed': JobFailed;
  /** The data changed (import, undo, edit, restore): views reload what they show. */
  'data:changed': { reason: string };
}

export type EventName = keyof AppEvents;
export const EVENT_NAMES: readonly EventName[] = ['job:progress', 'job:done', 'job:failed', 'data:changed'];

/** The shape of `window.api` that the preload and the e2e bridge both provide. */
export interface WindowApi {
  invoke(name: string, args: unknown): Promise<unknown>;
  on<E extends EventName>(event: E, cb: (payload: AppEvents[E]) => void): () => void;
  /**
   * The local path of a file dropped on the window (Electron's webUtils.getPathForFile; a File no
   * longer carries its path). Optional: the e2e bridge has no real files to drop.
   */
  pathForFile?(file: unknown): string;
}

/** The two IPC channels the preload and main share: one for calls, one for pushed events. */
export const INVOKE_CHANNEL = 'api:invoke';
export const EVENT_CHANNEL = 'api:event';
