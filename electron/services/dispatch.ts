/**
 * The one entry point every adapter uses (ipcMain, the e2e bridge, the CLI): check the method name,
 * validate the argument with the table's zod schema, call the service, and wrap the outcome in an
 * envelope. Nothing a caller sends can reach a service unvalidated or crash the process.
 */
import type { z } from 'zod';
import type { WriteRules } from '../../shared/api/define.ts';
import { api, isMethodName, type MethodName } from '../../shared/api/index.ts';
import { normalizeDeep } from '../../shared/domain/text-normalize.ts';
import { describeIssues } from '../../shared/humanize-error.ts';
import { AppError, toErrorDto, type Envelope } from '../../shared/errors.ts';
import type { Handlers, ServiceContext } from './context.ts';
import { errorFields, log } from './log.ts';
import { jobScope, runTx } from './writes.ts';
import { diskFullError, isDiskFull } from '../db/media-faults.ts';
import { importInProgress } from '../db/import-marker.ts';

/** Joins the domains' handler maps; a name registered twice is a programming error. */
export function combineHandlers(...parts: Array<Partial<Handlers>>): Handlers {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, fn] of Object.entries(part)) {
      if (name in out) throw new Error(`API method registered twice: ${name}`);
      out[name] = fn;
    }
  }
  for (const name of Object.keys(api)) {
    if (!(name in out)) throw new Error(`API method has no handler: ${name}`);
  }
  return out as Handlers;
}


export function parseArgs<K extends MethodName>(name: K, raw: unknown): z.output<(typeof api)[K]['args']> {
  const schema = api[name].args;
  const result = schema.safeParse(raw ?? {});
  // The message names fields as the form does, in Chinese; the method and keys stay in details for
  // support (capped: a hostile payload with 100k unknown keys must not echo megabytes back).
  if (!result.success) {
    const issues = result.error.issues.slice(0, 5);
    throw new AppError('validation', describeIssues(result.error.issues), { method: name, paths: issues.map((i) => i.path.slice(0, 5).join('.').slice(0, 100)) });
  }
  // Normalised once here, so every service sees (and stores) the same text — after validation: the
  // schemas bound every string, array and nesting level, while a hostile payload (an object that
  // references one child twice per level, 10,000 levels deep) made the walk exponential and hung.
  return normalizeDeep(result.data) as z.output<(typeof api)[K]['args']>;
}

/**
 * SQLite's own refusals become clear Chinese errors: a write on a read-only (damaged) database is
 * 'db-readonly' however the service reached it, so read-only is enforced by SQLite itself.
 */
export function mapDbError(ctx: Pick<ServiceContext, 'readOnlyReason' | 'dbPath'>, e: unknown): unknown {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return e;
  if (isDiskFull(e, ctx.dbPath)) return diskFullError('本次修改未保存');
  if (code.startsWith('SQLITE_READONLY')) {
    return new AppError('db-readonly', `数据库当前不能修改：${ctx.readOnlyReason ?? '数据库文件为只读'}`);
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new AppError('db-unreadable', '数据库文件已损坏，本次操作未完成。请在“设置 → 数据库”中检查，并从备份恢复。');
  }
  if (code.startsWith('SQLITE_BUSY')) {
    // SQLite waited busy_timeout (5 s) for the lock first; the marker says who holds it.
    if (importInProgress(ctx.dbPath)) return new AppError('busy', '正在导入，请稍后：导入完成前台账不能修改，本次修改未保存。导入结束后请重试。');
    return new AppError('busy', '数据库正被其他程序占用，请稍后重试（是否同时打开了两个本软件？）。');
  }
  return e;
}

export async function dispatch(handlers: Handlers, ctx: ServiceContext, name: unknown, raw: unknown): Promise<Envelope<unknown>> {
  try {
    if (!isMethodName(name)) throw new AppError('unknown-method', '程序请求了本版本没有的操作，请确认软件各部分为同一版本', { method: String(name).slice(0, 100) });
    const args = parseArgs(name, raw) as Record<string, unknown>;
    const rules = api[name].rules as WriteRules | undefined;
    // One signature for all three kinds; Handler<K> gives each handler its precise one.
    const handler = handlers[name] as (c: ServiceContext, a: unknown, w?: unknown) => unknown;
    let data: unknown;
    if (rules?.writes === 'tx') data = runTx(ctx, name, rules, args, (w) => handler(ctx, args, w));
    else if (rules?.writes === 'job') data = await handler(ctx, args, jobScope(ctx, rules, args));
    else data = await handler(ctx, args);
    return { ok: true, data };
  } catch (e) {
    const mapped = mapDbError(ctx, e);
    // A refusal the user is told about (validation, read-only, …) is not a fault; anything else is.
    if (!(mapped instanceof AppError) || mapped.code === 'internal') log.error('dispatch failed', { method: String(name).slice(0, 100), ...errorFields(e) });
    else log.debug('dispatch refused', { method: name as string, code: mapped.code });
    return { ok: false, error: toErrorDto(mapped) };
  }
}

/** For in-process callers (CLI, tests): throws the AppError instead of returning an envelope. */
export async function call<K extends MethodName>(
  handlers: Handlers,
  ctx: ServiceContext,
  name: K,
  raw: unknown,
): Promise<import('../../shared/api/index.ts').ApiResult<K>> {
  const env = await dispatch(handlers, ctx, name, raw);
  if (!env.ok) throw new AppError(env.error.code, env.error.message, env.error.details);
  return env.data as import('../../shared/api/index.ts').ApiResult<K>;
}
