/**
 * Errors that cross IPC as plain objects `{ code, message, details }`. The message is Chinese and is
 * shown to the user as it is; the code is stable and is what tests and callers match on.
 */
export type ErrorCode =
  | 'validation'
  | 'not-found'
  | 'unknown-method'
  | 'forbidden-sender'
  | 'db-newer'
  | 'db-unreadable'
  | 'db-readonly'
  | 'db-network-path'
  | 'operator-required'
  | 'conflict'
  | 'cancelled'
  | 'busy'
  | 'file-unreadable'
  | 'file-too-large'
  | 'file-type'
  | 'internal'
  | (string & {});

export interface ErrorDto {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toDto(): ErrorDto {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isErrorDto(v: unknown): v is ErrorDto {
  return typeof v === 'object' && v !== null && typeof (v as ErrorDto).code === 'string' && typeof (v as ErrorDto).message === 'string';
}

/** Anything thrown becomes a DTO; unexpected errors keep a generic Chinese message (their text may hold paths). */
export function toErrorDto(e: unknown): ErrorDto {
  if (e instanceof AppError) return e.toDto();
  if (isErrorDto(e)) return { code: e.code, message: e.message };
  const text = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `内部错误：${text}` };
}

/** The envelope every adapter (IPC, e2e bridge) returns, so errors survive structured cloning. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorDto };
