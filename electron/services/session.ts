/**
 * A session = an open database plus the context services run in. Electron, the CLI and the e2e
 * bridge each create one; only the platform hooks and the event sink differ.
 */
import { openDatabase, type OpenOptions } from '../db/connection.ts';
import type { AppEvents, EventName } from '../../shared/events.ts';
import type { MethodName, ApiResult } from '../../shared/api/index.ts';
import { headlessPlatform, type Platform, type ServiceContext } from './context.ts';
import { call, dispatch } from './dispatch.ts';
import { handlers } from './index.ts';
import { JobRunner } from './jobs.ts';
import type { Envelope } from '../../shared/errors.ts';

export interface SessionOptions extends OpenOptions {
  platform?: Platform;
  emit?: <E extends EventName>(event: E, payload: AppEvents[E]) => void;
  operator?: string;
}

export interface Session {
  ctx: ServiceContext;
  /** Validated call that returns an envelope (adapters). */
  dispatch(name: unknown, args: unknown): Promise<Envelope<unknown>>;
  /** Validated call that throws AppError (CLI, tests). */
  call<K extends MethodName>(name: K, args: unknown): Promise<ApiResult<K>>;
  close(): Promise<void>;
}

export function openSession(dbPath: string, opts: SessionOptions = {}): Session {
  const db = openDatabase(dbPath, opts);
  const emit = opts.emit ?? (() => undefined);
  const ctx: ServiceContext = {
    db,
    dbPath,
    readOnlyReason: opts.readonly ? '以只读方式打开' : null,
    emit,
    jobs: new JobRunner(emit),
    platform: opts.platform ?? headlessPlatform,
    ...(opts.operator ? { operator: opts.operator } : {}),
  };
  return {
    ctx,
    dispatch: (name, args) => dispatch(handlers, ctx, name, args),
    call: (name, args) => call(handlers, ctx, name, args),
    close: async () => {
      await ctx.jobs.idle();
      if (db.open) db.close();
    },
  };
}
