/**
 * The renderer's typed client over `window.api`: `invoke('stats:get', {...})` is checked against
 * the API table, the envelope is unwrapped, and a failure becomes an ApiError whose message is the
 * Chinese text main produced (ready to show in ElMessage).
 */
import type { ApiArgs, ApiResult, MethodName } from '../../../shared/api/index.ts';
import type { Envelope, ErrorCode } from '../../../shared/errors.ts';
import type { AppEvents, EventName } from '../../../shared/events.ts';
import { isReadableMessage, UNEXPECTED_MESSAGE } from '../../../shared/humanize-error.ts';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

function isEnvelope(v: unknown): v is Envelope<unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { ok: unknown }).ok === 'boolean';
}

export async function invoke<K extends MethodName>(name: K, args: ApiArgs<K>): Promise<ApiResult<K>> {
  let env: unknown;
  try {
    env = await window.api.invoke(name, args);
  } catch (e) {
    // The bridge itself failed (main gone, structured-clone error): not a service error. Its text
    // is English and technical, so it goes to details, not to the steward.
    throw new ApiError('internal', '与主程序通信失败，本次操作可能未完成。请重启本软件后再试。', { method: name, cause: String(e).slice(0, 300) });
  }
  if (!isEnvelope(env)) throw new ApiError('internal', '主程序返回了无法识别的结果，本次操作可能未完成。请重启本软件后再试。', { method: name });
  if (!env.ok) throw new ApiError(env.error.code, env.error.message, env.error.details);
  return env.data as ApiResult<K>;
}

/** Subscribes to a main→renderer event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(event: E, cb: (payload: AppEvents[E]) => void): () => void {
  return window.api.on(event, cb);
}

/**
 * Message to show for anything a call threw. Main's messages are Chinese already; anything else
 * (a renderer bug, a browser error) is English and technical and gets the generic message.
 */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  const text = e instanceof Error ? e.message : String(e);
  return isReadableMessage(text) ? text : UNEXPECTED_MESSAGE;
}
