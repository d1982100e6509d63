/**
 * The API table's building blocks. A method is a name, a zod schema for its single argument
 * object and a result type. Main registers every method from the table (electron/services),
 * the preload and the e2e bridge forward `invoke(name, args)`, the CLI calls the same services.
 */
import type { z } from 'zod';

export interface MethodSpec<A extends z.ZodType = z.ZodType, R = unknown> {
  readonly args: A;
  /** Phantom field: carries the result type, never set at run time. */
  readonly __result?: R;
}

/** `method<Result>()(argsSchema)`: two calls so the result type can be given while the schema is inferred. */
export function method<R>() {
  return <A extends z.ZodType>(args: A): MethodSpec<A, R> => ({ args });
}

export type MethodTable = Record<string, MethodSpec>;
