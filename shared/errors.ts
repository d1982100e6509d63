/**
 * Errors that cross IPC as plain objects `{ code, message, details }`. The message is Chinese and is
 * shown to the user as it is; the code is stable and is what tests and callers match on.
 */
import { diskFullMessage, knownSystemCode, systemReason, UNEXPECTED_MESSAGE } from './humanize-error.ts';

export const ERROR_CODES = [
  'validation', 'not-found', 'unknown-method', 'forbidden-sender',
  'db-newer', 'db-unreadable', 'db-readonly', 'db-network-path', 'operator-required',
  'conflict', 'cancelled', 'busy', 'disk-full', 'timeout', 'internal',
  'file-unreadable', 'file-too-large', 'file-type', 'no-header', 'no-data', 'not-available', 'split-household',
] as const;

/** Closed: a new kind of failure is added here with its label, so callers can match every code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What each kind of failure is called when a message needs a heading (the message itself says more). */
export const ERROR_CODE_LABELS: Readonly<Record<ErrorCode, string>> = {
  validation: '输入不正确',
  'not-found': '没有找到',
  'unknown-method': '未知的操作',
  'forbidden-sender': '拒绝的请求',
  'db-newer': '数据库来自更新版本',
  'db-unreadable': '数据库无法读取',
  'db-readonly': '数据库只读',
  'db-network-path': '数据库位置不可用',
  'operator-required': '需要操作员',
  conflict: '操作冲突',
  cancelled: '已取消',
  busy: '数据库忙',
  'disk-full': '磁盘空间已满',
  timeout: '处理超时',
  internal: '内部错误',
  'file-unreadable': '文件无法读取',
  'file-too-large': '文件过大',
  'file-type': '文件类型不支持',
  'no-header': '没有找到表头',
  'no-data': '没有数据',
  'not-available': '暂不可用',
  'split-household': '同一户被拆开',
};

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(v: unknown): v is ErrorCode {
  return typeof v === 'string' && CODES.has(v);
}

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
  return typeof v === 'object' && v !== null && isErrorCode((v as ErrorDto).code) && typeof (v as ErrorDto).message === 'string';
}

/**
 * Anything thrown becomes a DTO. An unexpected error's own text is English and may hold paths or
 * internals: the user reads a Chinese message, the text goes to details for support.
 */
export function toErrorDto(e: unknown): ErrorDto {
  if (e instanceof AppError) return e.toDto();
  if (isErrorDto(e)) return { code: e.code, message: e.message };
  const text = e instanceof Error ? e.message : String(e);
  const details = { cause: text.slice(0, 500) };
  // A system failure (a full disk, a file WPS holds open, …) is named as what it is, in Chinese.
  const sys = (e as { code?: unknown } | null)?.code;
  if (sys === 'ENOSPC' || sys === 'SQLITE_FULL') return { code: 'disk-full', message: diskFullMessage('本次操作未完成'), details };
  if (knownSystemCode(sys)) return { code: 'internal', message: `本次操作未完成：${systemReason(e)}。数据没有改动，请处理后重试。`, details };
  return { code: 'internal', message: UNEXPECTED_MESSAGE, details };
}

/** The envelope every adapter (IPC, e2e bridge) returns, so errors survive structured cloning. */
export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorDto };
