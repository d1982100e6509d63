/**
 * The rules of a write, in one place (declared per method in the API table, applied by dispatch):
 * refuse a read-only database, resolve who acts, run in one IMMEDIATE transaction with an audit
 * writer bound to it, tell the windows what changed. Services only say what to change.
 */
import type { WriteRules } from '../../shared/api/define.ts';
import type { AuditAction } from '../../shared/audit-actions.ts';
import { auditWriter, resolveOperator, type AuditEntry, type AuditWriter } from '../db/audit.ts';
import { AppError } from '../../shared/errors.ts';
import type { JobScope, ServiceContext, WriteScope } from './context.ts';

type Args = Record<string, unknown>;

function textArg(args: Args, key: string | undefined): string | undefined {
  const v = key ? args[key] : undefined;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/**
 * The CLI's --operator, else (a method that saves the operator's name) the name being saved — a
 * change of operator is recorded under the new name — else the name saved in 设置.
 */
function operatorFor(ctx: ServiceContext, rules: WriteRules, args: Args): string {
  const named = textArg(args, rules.operatorArg);
  if (named && !ctx.operator) return named;
  return resolveOperator(ctx);
}

/** An audit writer that refuses actions the method did not declare, and carries the steward's reason. */
function scopedWriter(method: string, rules: WriteRules, base: AuditWriter, reason: string | undefined): AuditWriter {
  const allowed: ReadonlySet<AuditAction> = new Set(rules.audit);
  const write = (e: AuditEntry): void => {
    if (!allowed.has(e.action)) throw new Error(`${method} wrote the audit action ${e.action}, which its rules do not declare`);
    base(reason ? { ...e, detail: { ...(e.detail as object | undefined), reason } } : e);
  };
  return Object.assign(write, { resync: base.resync });
}

export function runTx<T>(ctx: ServiceContext, method: string, rules: WriteRules, args: Args, fn: (w: WriteScope) => T): T {
  ctx.assertWritable();
  const operator = operatorFor(ctx, rules, args);
  const result = ctx.db.transaction(() => {
    const audit = scopedWriter(method, rules, auditWriter(ctx.db, operator), textArg(args, rules.reasonArg));
    const r = fn({ operator, audit });
    // A transaction cannot span an await: an async 'tx' handler would commit before it finished.
    if (r instanceof Promise) throw new Error(`${method} is declared writes: 'tx' but its handler is async`);
    return r;
  }).immediate();
  if (rules.changes) ctx.emit('data:changed', { reason: rules.changes });
  return result;
}

export function jobScope(ctx: ServiceContext, rules: WriteRules, args: Args): JobScope {
  ctx.assertWritable();
  return { operator: operatorFor(ctx, rules, args) };
}

/**
 * An audit entry that accompanies something which is not itself a write (a backup, an export with
 * full IDs): one small transaction of its own.
 */
export function recordAudit(ctx: ServiceContext, operator: string, entry: AuditEntry): void {
  ctx.db.transaction(() => auditWriter(ctx.db, operator)(entry)).immediate();
}

/** As recordAudit, but skipped on a read-only (damaged) database, where the action matters more than its entry. */
export function auditIfWritable(ctx: ServiceContext, operator: string | null, entry: AuditEntry): void {
  if (ctx.readOnlyReason !== null || operator === null) return;
  recordAudit(ctx, operator, entry);
}

/** The operator when one is known, for work that records it only if it can (previews, read-only files). */
export function operatorIfKnown(ctx: ServiceContext): string | null {
  try {
    return resolveOperator(ctx);
  } catch (e) {
    if (e instanceof AppError && e.code === 'operator-required') return null;
    throw e;
  }
}
