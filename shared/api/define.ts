/**
 * The API table's building blocks. A method is a name, a zod schema for its single argument
 * object, a result type and — for a method that changes data — its write rules. Main registers every
 * method from the table (electron/services), the preload and the e2e bridge forward
 * `invoke(name, args)`, the CLI calls the same services; `dispatch` applies the write rules, so no
 * service repeats them.
 */
import type { z } from 'zod';
import type { AuditAction } from '../audit-actions.ts';

/** What windows are told changed after a write (`data:changed`), so they reload what they show. */
export type ChangeReason = 'ledger' | 'references' | 'monitoring' | 'matrix' | 'import' | 'undo' | 'restore' | 'demo-clear' | 'settings';

export interface WriteRules {
  /**
   * 'tx': dispatch refuses a read-only database, resolves the operator, runs the handler inside one
   * IMMEDIATE transaction with an audit writer bound to it, then announces `changes`.
   * 'job': the handler starts long work that writes on its own (a worker, a backup before it);
   * dispatch refuses a read-only database and resolves the operator before it starts.
   */
  readonly writes: 'tx' | 'job';
  /** Every audit action the method may write; a 'tx' handler writing another one is a programming error. */
  readonly audit: readonly AuditAction[];
  /** The `data:changed` reason announced after a 'tx' commit (omitted: nothing to reload elsewhere). */
  readonly changes?: ChangeReason;
  /** An argument holding the steward's reason for a correction; it is added to each audit entry's detail. */
  readonly reasonArg?: string;
  /** An argument that may name the operator when none is set yet (saving the operator's own name). */
  readonly operatorArg?: string;
}

export interface MethodSpec<A extends z.ZodType = z.ZodType, R = unknown, W extends WriteRules | undefined = WriteRules | undefined> {
  readonly args: A;
  readonly rules: W;
  /** Phantom field: carries the result type, never set at run time. */
  readonly __result?: R;
}

/**
 * `method<Result>()(argsSchema, rules?)`: two calls so the result type can be given while the schema
 * and the rules' literal types are inferred.
 */
export function method<R>() {
  return <A extends z.ZodType, const W extends WriteRules | undefined = undefined>(args: A, rules?: W): MethodSpec<A, R, W> =>
    ({ args, rules: rules as W });
}

export type MethodTable = Record<string, MethodSpec>;
