/**
 * One normalisation of text at the boundary (API arguments in dispatch, cells read from a workbook),
 * so what is validated, stored, shown and hashed are the same characters. SQLite stores a lone UTF-16
 * surrogate as U+FFFD while JavaScript keeps it; hashing the JS string made the audit chain report
 * tampering for a legitimate input (issue #18). Invisible characters that only disguise text (bidi
 * overrides, zero-width marks, control characters) are removed. Pure: no I/O.
 */

// Lone high surrogate not followed by a low one, or a lone low surrogate not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// C0 controls except tab, newline and carriage return; DEL; C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Bidi embeddings/overrides/isolates (U+202A–U+202E, U+2066–U+2069), zero-width marks and BOM.
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060\uFEFF]/g;

/** The text as it will be stored: lone surrogates become U+FFFD (what SQLite would store), invisible characters removed. */
export function normalizeText(s: string): string {
  // Fast path: most text has nothing to change, and imports call this per cell.
  if (!/[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uD800-\uDFFF\uFEFF]/.test(s)) return s;
  return s.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '').replace(INVISIBLE, '');
}

/** Whether normalising would change the text (so a caller can tell the user). */
export function needsNormalizing(s: string): boolean {
  return normalizeText(s) !== s;
}

/** Normalises every string inside plain objects and arrays (API arguments); other values are returned as they are. */
export function normalizeDeep(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return normalizeText(v);
  // Depth-capped: zod rejects absurd nesting anyway, and this must not overflow the stack first.
  if (depth > 32 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => normalizeDeep(x, depth + 1));
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    // defineProperty: a "__proto__" key from JSON must stay a key, not become the prototype.
    Object.defineProperty(out, normalizeText(k), { value: normalizeDeep(x, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
