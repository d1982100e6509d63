/** The second table: events main pushes to the renderer. Payloads are plain objects. */
import type { ErrorDto } from './errors.ts';
import type { ExportOutcomeDto } from './api/export.ts';
import type { ListJobResult, ReportJobResult } from './api/export-list.ts';
import type { FileOutcome, UndoResult } from './api/import.ts';
import type { BackupResult, RestoreResult } from './api/system.ts';

/**
 * What each kind of job resolves with. `JobRunner.start` takes its kind from here, so a job that
 * returns the wrong shape does not compile, and `job:done` carries a result typed by its kind
 * (the renderer narrows on `kind` instead of casting).
 */
export interface JobResults {
  'import:preview': FileOutcome[];
  'import:commit': FileOutcome[];
  'import:undo': UndoResult;
  export: ExportOutcomeDto;
  'export-list': ListJobResult;
  report: ReportJobResult;
  backup: BackupResult;
  restore: RestoreResult;
  /** The first start's demo ledger: progress events only (main awaits its worker itself). */
  demo: null;
}
export type JobKind = keyof JobResults;

export interface JobProgress {
  jobId: string;
  kind: JobKind;
  step: string;
  current: number;
  total: number | null;
  /** Imports: rows checked and written so far (`current` counts rows read). */
  checked?: number;
}

/** One member per kind, so `if (d.kind === 'export')` narrows `d.result` to ExportOutcomeDto. */
export type JobDone = { [K in JobKind]: { jobId: string; kind: K; result: JobResults[K] } }[JobKind];

export interface JobFailed {
  jobId: string;
  kind: JobKind;
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
