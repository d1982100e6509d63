/**
 * What every service receives: the open database and the few platform hooks that differ between
 * Electron, the CLI and the e2e bridge. Services are plain functions `(ctx, args) => result`.
 */
import type { Db } from '../db/types.ts';
import type { ApiParsedArgs, ApiResult, ApiRules, MethodName } from '../../shared/api/index.ts';
import type { AuditWriter } from '../db/audit.ts';
import type { AppEvents, EventName } from '../../shared/events.ts';
import type { JobRunner } from './jobs.ts';

export type { Db };

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** OS helpers; Electron implements them with dialog/shell, tests with preset answers. */
export interface Platform {
  openFiles(opts: { title: string; filters: FileFilter[]; multiple: boolean }): Promise<string[]>;
  saveFile(opts: { title: string; defaultName: string; filters: FileFilter[] }): Promise<string | null>;
  showItemInFolder(path: string): void;
}

export interface ServiceContext {
  db: Db;
  dbPath: string;
  /** Set when the database failed its integrity check or is otherwise not writable. */
  readOnlyReason: string | null;
  /** Throws AppError 'db-readonly' (with the reason) when the database may not be changed. */
  assertWritable(): void;
  /**
   * Call before a big change (import, undo, leaving the demo): refuses a read-only database and takes
   * the automatic backup the policy asks for (db/backup-policy.ts: imports and undos one a day).
   * Returns the backup's path.
   */
  beforeWrite(reason: string): Promise<string>;
  /** Who acts (CLI `--operator`); when absent the operator saved in 设置 is used. */
  operator?: string;
  emit<E extends EventName>(event: E, payload: AppEvents[E]): void;
  jobs: JobRunner;
  platform: Platform;
}

/** What dispatch hands a 'tx' write handler: who acts, and the audit writer bound to its transaction. */
export interface WriteScope {
  operator: string;
  audit: AuditWriter;
}

/** What dispatch hands a 'job' write handler: the operator, resolved before the job starts. */
export interface JobScope {
  operator: string;
}

type Result<K extends MethodName> = ApiResult<K> | Promise<ApiResult<K>>;

/**
 * A handler's shape follows its method's write rules: a 'tx' handler is synchronous (it runs inside
 * the transaction dispatch opened) and gets the write scope; a 'job' handler gets the operator.
 */
export type Handler<K extends MethodName> = ApiRules<K> extends { writes: 'tx' }
  ? (ctx: ServiceContext, args: ApiParsedArgs<K>, w: WriteScope) => ApiResult<K>
  : ApiRules<K> extends { writes: 'job' }
    ? (ctx: ServiceContext, args: ApiParsedArgs<K>, w: JobScope) => Result<K>
    : (ctx: ServiceContext, args: ApiParsedArgs<K>) => Result<K>;

export type Handlers = { [K in MethodName]: Handler<K> };

/** The handlers of one domain's part of the table, checked against that part. */
export type HandlersFor<T> = { [K in keyof T & MethodName]: Handler<K> };

/** Platform for the CLI and for tests that never open a dialog. */
export const headlessPlatform: Platform = {
  openFiles: () => Promise.resolve([]),
  saveFile: () => Promise.resolve(null),
  showItemInFolder: () => undefined,
};
