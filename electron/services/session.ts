/**
 * A session = an open database plus the context services run in. Electron, the CLI and the e2e
 * bridge each create one; only the platform hooks and the event sink differ.
 *
 * Opening is guarded: the live file must be on a local disk, and after an unclean shutdown an
 * existing file must pass `quick_check` first (db/open-check.ts says why not on every open). A
 * damaged file is opened read-only (viewing and exporting still work, no write can make the damage
 * worse) and the reason names the newest good automatic backup. The app also checks in the
 * background at every start (`checkInBackground`).
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { latestGoodBackup } from '../db/backup.ts';
import { backupBeforeWrite } from '../db/backup-policy.ts';
import { applyKey } from '../db/cipher.ts';
import { openDatabase, type OpenOptions } from '../db/connection.ts';
import { sweepLeftovers } from '../db/litter.ts';
import { anchorHead } from '../db/audit-anchor.ts';
import { readOnlyMediaReason, unwritableCause } from '../db/media-faults.ts';
import { systemReason } from '../../shared/humanize-error.ts';

/** Where the audit chain's key lives (the app: its user-data folder); see db/audit-key.ts. */
export { setAuditKeyPath } from '../db/audit-key.ts';
import { assertLocalDbPath, checkIntegrity, type CheckResult } from '../db/integrity.ts';
import { checkInWorker, recordCheckPassed, uncleanShutdown } from '../db/open-check.ts';
import type { AppEvents, EventName } from '../../shared/events.ts';
import type { MethodName, ApiResult } from '../../shared/api/index.ts';
import { headlessPlatform, type Db, type Platform, type ServiceContext } from './context.ts';
import { call, dispatch } from './dispatch.ts';
import { grantingPlatform, PathGrants } from './path-grants.ts';
import { handlers } from './index.ts';
import { JobRunner } from './jobs.ts';
import { AppError, toErrorDto, type Envelope } from '../../shared/errors.ts';
import { isMethodName } from '../../shared/api/index.ts';

export interface SessionOptions extends OpenOptions {
  platform?: Platform;
  emit?: <E extends EventName>(event: E, payload: AppEvents[E]) => void;
  operator?: string;
  /** Skip the quick_check at open (tools that only read a few rows of a known-good file). */
  skipIntegrityCheck?: boolean;
  /** 'unclean' (default): check at open only after an unclean shutdown; 'always': every open. */
  checkAtOpen?: 'unclean' | 'always';
}

export interface Session {
  ctx: ServiceContext;
  /** Validated call that returns an envelope (adapters). */
  dispatch(name: unknown, args: unknown): Promise<Envelope<unknown>>;
  /** The window's call (ipc, e2e bridge): `dispatch`, refusing paths the window was not given. */
  dispatchFromWindow(name: unknown, args: unknown): Promise<Envelope<unknown>>;
  /** Validated call that throws AppError (CLI, tests). */
  call<K extends MethodName>(name: K, args: unknown): Promise<ApiResult<K>>;
  /**
   * The app's check at start: quick_check in a worker thread; a damaged file turns the session
   * read-only (announced as `data:changed`). Resolves to the result (null for an in-memory file).
   */
  checkInBackground(now?: Date): Promise<CheckResult | null>;
  close(): Promise<void>;
}

export function damagedReason(dbPath: string, check: CheckResult): string {
  const latest = latestGoodBackup(dbPath);
  const offer = latest
    ? `最近一份完好的自动备份是 ${latest.name}（${latest.at.replace('T', ' ').slice(0, 19)}），可在“设置 → 备份与恢复”中恢复。`
    : '没有找到完好的自动备份；如有手动备份，可在“设置 → 备份与恢复”中恢复。';
  return `数据库完整性检查未通过（${check.problems[0] ?? '未知问题'}）。为防止损坏扩大，已以只读方式打开：可以查看和导出，不能修改。${offer}`;
}

/** Runs quick_check on an existing file before anything writes to it (migrations, seeds). */
function probe(dbPath: string): CheckResult | null {
  if (dbPath === ':memory:' || !existsSync(dbPath)) return null;
  let db: Db;
  try {
    db = new Database(dbPath, { fileMustExist: true });
  } catch {
    return null; // openDatabase reports an unopenable file with its own clear message.
  }
  try {
    applyKey(db, dbPath);
    return checkIntegrity(db, 'quick');
  } finally {
    db.close();
  }
}

function openGuarded(dbPath: string, opts: SessionOptions): { db: Db; readOnlyReason: string | null } {
  if (dbPath !== ':memory:' && !opts.readonly) assertLocalDbPath(dbPath);
  if (opts.readonly) return { db: openDatabase(dbPath, opts), readOnlyReason: '以只读方式打开' };
  // Read-only media or a protected file: opened read-only and said so, not reported as damage.
  const cause = dbPath === ':memory:' || !existsSync(dbPath) ? null : unwritableCause(dbPath);
  if (cause) return { db: openDatabase(dbPath, { readonly: true, mustExist: true }), readOnlyReason: readOnlyMediaReason(systemReason({ code: cause })) };
  sweepLeftovers(dbPath);
  const wanted = !opts.skipIntegrityCheck && (opts.checkAtOpen === 'always' || uncleanShutdown(dbPath));
  const check = wanted ? probe(dbPath) : null;
  if (check && !check.ok) {
    return { db: openDatabase(dbPath, { readonly: true, mustExist: true }), readOnlyReason: damagedReason(dbPath, check) };
  }
  const db = openDatabase(dbPath, opts);
  if (check) recordCheckPassed(db);
  return { db, readOnlyReason: null };
}

async function backgroundCheck(ctx: ServiceContext, now: Date): Promise<CheckResult | null> {
  if (ctx.dbPath === ':memory:') return null;
  const result = await checkInWorker(ctx.dbPath);
  if (!ctx.db.open) return result;
  if (result.ok) {
    if (ctx.readOnlyReason === null) recordCheckPassed(ctx.db, now);
  } else if (ctx.readOnlyReason === null) {
    ctx.readOnlyReason = damagedReason(ctx.dbPath, result);
    ctx.emit('data:changed', { reason: 'damaged' });
  }
  return result;
}

export function openSession(dbPath: string, opts: SessionOptions = {}): Session {
  const { db, readOnlyReason } = openGuarded(dbPath, opts);
  const emit = opts.emit ?? (() => undefined);
  const grants = new PathGrants(dbPath);
  const ctx: ServiceContext = {
    db,
    dbPath,
    readOnlyReason,
    assertWritable() {
      if (ctx.readOnlyReason !== null) throw new AppError('db-readonly', `数据库当前不能修改：${ctx.readOnlyReason}`);
    },
    async beforeWrite(reason) {
      ctx.assertWritable();
      return backupBeforeWrite(ctx.db, ctx.dbPath, reason);
    },
    emit,
    jobs: new JobRunner(emit),
    platform: grantingPlatform(opts.platform ?? headlessPlatform, grants),
    ...(opts.operator ? { operator: opts.operator } : {}),
  };
  // The audit head is anchored outside the file after every call (db/audit-anchor.ts): one indexed read.
  const anchor = (): void => {
    try {
      if (ctx.readOnlyReason === null && ctx.db.open && !ctx.db.readonly) anchorHead(ctx.db, ctx.dbPath);
    } catch {
      // The anchor only strengthens the check; a call never fails because of it.
    }
  };
  const anchored = <T>(p: Promise<T>): Promise<T> => p.finally(anchor);
  return {
    ctx,
    dispatch: (name, args) => anchored(dispatch(handlers, ctx, name, args)),
    dispatchFromWindow: (name, args) => anchored(windowDispatch(grants, (n, a) => dispatch(handlers, ctx, n, a), name, args)),
    call: (name, args) => anchored(call(handlers, ctx, name, args)),
    checkInBackground: (now = new Date()) => backgroundCheck(ctx, now),
    close: async () => {
      await ctx.jobs.idle();
      anchor();
      // A restore may have replaced the connection: close the current one.
      if (ctx.db.open) ctx.db.close();
    },
  };
}

async function windowDispatch(grants: PathGrants, inner: (name: unknown, args: unknown) => Promise<Envelope<unknown>>, name: unknown, args: unknown): Promise<Envelope<unknown>> {
  if (isMethodName(name)) {
    try {
      grants.check(name, args);
    } catch (e) {
      return { ok: false, error: toErrorDto(e) };
    }
  }
  const env = await inner(name, args);
  if (env.ok) grants.grantResult(env.data);
  return env;
}
