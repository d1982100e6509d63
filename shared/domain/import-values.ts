/**
 * Cell values as township sheets really hold them, and their normalisation. A cell arrives from the
 * reader as text, a number, a boolean, or a marker for the cases that need a message of their own
 * (a date-formatted number, a formula without a cached result, an Excel error such as #N/A).
 * Everything here is pure, so the ledger's correction form can reuse it.
 */
import { yuanToFen } from './income.ts';
import { normalizeText } from './text-normalize.ts';

export type RawCell =
  | string
  | number
  | boolean
  | null
  | { k: 'date'; v: string; n: number }
  | { k: 'nocache'; f: string }
  | { k: 'error'; v: string };

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
/** The result for an empty cell, shared: most optional cells of a sheet are empty. */
const OK_NULL: Readonly<{ ok: true; value: null }> = Object.freeze({ ok: true, value: null });
const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;

export function toHalfWidth(s: string): string {
  // A test is far cheaper than two replaces that build new strings, and most cells have nothing to convert.
  if (!FULL_WIDTH.test(s)) return s;
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Could this UTF-16 unit be (part of) leading or trailing space? Conservative: anything ≤ space or beyond ASCII that may be one. */
function isSpace(code: number): boolean {
  return code <= 32 || code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200b) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

// Most cells need no trimming; checking both ends first skips a regex replace per cell (the city
// file has millions).
/** The text a person sees in the cell, trimmed (NBSP, ideographic and zero-width spaces included). */
export function cellText(c: RawCell): string {
  if (c === null) return '';
  if (typeof c === 'string') return trimCell(normalizeText(c));
  if (typeof c === 'number') return Number.isInteger(c) ? String(c) : String(Number(c.toPrecision(15)));
  if (typeof c === 'boolean') return c ? '是' : '否';
  if (c.k === 'date') return c.v;
  if (c.k === 'error') return c.v;
  return '';
}

function trimCell(c: string): string {
  return c.length > 0 && !isSpace(c.charCodeAt(0)) && !isSpace(c.charCodeAt(c.length - 1)) ? c : c.replace(/^[\s\u200B\uFEFF]+|[\s\u200B\uFEFF]+$/g, '');
}

/** A formula cell whose file holds no computed result (saved by a tool that does not recalculate). */
export function isUncomputedFormula(c: RawCell | undefined): c is { k: 'nocache'; f: string } {
  return typeof c === 'object' && c !== null && c.k === 'nocache';
}

/**
 * The problem with such a cell, naming the formula as Excel shows it. `blank`: the caller treats the
 * cell as empty (optional or derived figures); otherwise the row cannot be used without the value.
 * The reader gives an empty or bracketed text for a shared formula, whose text lives in another cell.
 */
export function uncomputedFormulaMessage(formula: string, outcome: 'blank' | 'refused'): string {
  const f = formula.trim();
  const what = f === '' || f.startsWith('（') ? '单元格是共享公式' : `单元格是公式（=${f.length > 40 ? `${f.slice(0, 40)}…` : f}）`;
  const then = outcome === 'blank' ? '按空白处理' : '无法确定其内容，本行不能导入';
  return `${what}但文件中没有计算结果（保存前未重新计算），${then}；请在 Excel/WPS 中打开、保存后重新导入`;
}

export function isBlank(c: RawCell): boolean {
  return typeof c === 'object' && c !== null ? c.k === 'nocache' : cellText(c) === '';
}

/** A person's name: spaces inside a Chinese name are typing noise ("张 三"), outside Latin names they are not. */
export function normalizeName(c: RawCell): string {
  const t = cellText(c);
  return t.replace(/(?<=[\u4e00-\u9fff·])\s+(?=[\u4e00-\u9fff·])/g, '');
}

/** Placeholders that mean "nothing" in township sheets. */
const EMPTY_MARKS = new Set(['', '-', '—', '--', '/', '无', '\\']);

/** "12,345.00", "１２３４５", " 800 元", "¥800" → a number; an empty or dash cell → null. */
export function parseNumber(c: RawCell): Parsed<number | null> {
  if (c === null) return OK_NULL;
  if (typeof c === 'number') return Number.isFinite(c) ? ok(c) : bad('不是有效的数字');
  if (typeof c === 'object' && c !== null) {
    if (c.k === 'nocache') return bad(`公式没有计算结果（${c.f.slice(0, 40)}），请在 Excel 中重新计算并保存`);
    if (c.k === 'error') return bad(`单元格是错误值 ${c.v}`);
    return bad(`应为数字，收到日期 ${c.v}`);
  }
  if (typeof c === 'boolean') return bad('应为数字');
  const t = toHalfWidth(cellText(c)).replace(/[\s,，¥￥]/g, '').replace(/元$/, '');
  if (EMPTY_MARKS.has(t)) return ok(null);
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return bad(`“${cellText(c).slice(0, 30)}”不是数字`);
  return ok(Number(t));
}

/** Yuan → integer fen; an empty cell is 0 (townships leave income they do not have blank). */
export function parseAmountFen(c: RawCell): Parsed<number | null> {
  const n = parseNumber(c);
  if (!n.ok) return n;
  if (n.value === null) return ok(null);
  return ok(yuanToFen(n.value));
}

export function parseInteger(c: RawCell): Parsed<number | null> {
  const n = parseNumber(c);
  if (!n.ok || n.value === null) return n;
  if (!Number.isInteger(n.value)) return bad(`应为整数，收到 ${n.value}`);
  return ok(n.value);
}

const YES = new Set(['是', 'Y', 'YES', '1', '√', '✓', '搬迁', 'TRUE', '有']);
const NO = new Set(['否', 'N', 'NO', '0', '×', 'FALSE', '不是', '非']);

export function parseYesNo(c: RawCell): Parsed<boolean | null> {
  if (c === null) return OK_NULL;
  if (typeof c === 'boolean') return ok(c);
  const t = toHalfWidth(cellText(c)).replace(/\s/g, '').toUpperCase();
  if (t === '' || t === '无') return ok(null);
  if (YES.has(t)) return ok(true);
  if (NO.has(t)) return ok(false);
  return bad(`应填“是”或“否”，收到“${cellText(c).slice(0, 20)}”`);
}

/** 2024, "2024", "2024年", "2024年度". */
export function parseYear(c: RawCell): Parsed<number | null> {
  if (c === null) return OK_NULL;
  const t = toHalfWidth(cellText(c)).replace(/\s/g, '');
  if (t === '') return ok(null);
  const m = /^(\d{4})(年度?)?$/.exec(t);
  const y = m ? Number(m[1]) : NaN;
  if (!(y >= 2000 && y <= 2100)) return bad(`年度“${t.slice(0, 20)}”无效，应为 2000–2100 之间的四位年份`);
  return ok(y);
}

/** YYYYMM from 202301, "2023-01", "2023年1月", "2023.1" or a date cell. */
export function parseYearMonth(c: RawCell): Parsed<string | null> {
  if (c === null) return OK_NULL;
  const t = toHalfWidth(typeof c === 'object' && c !== null && c.k === 'date' ? c.v : cellText(c)).replace(/\s/g, '');
  if (t === '') return ok(null);
  const m = /^(\d{4})[-./年]?(\d{1,2})(月|[-./]\d{1,2}日?)?$/.exec(t);
  const month = m ? Number(m[2]) : 0;
  if (!m || month < 1 || month > 12) return bad(`“${t.slice(0, 20)}”不是有效的年月（应如 202301）`);
  return ok(`${m[1]}${String(month).padStart(2, '0')}`);
}

/** A 20/22-character disability-card number is the ID plus category/grade digits (DOMAIN §1.3). */
export function splitDisabilityCard(id: string): { id: string; extra: string | null } {
  return id.length === 20 || id.length === 22 ? { id: id.slice(0, 18), extra: id.slice(18) } : { id, extra: null };
}

/** Scientific notation as text ("6.20422E+17") is what an ID typed as a number looks like once copied. */
export function looksLikeScientific(text: string): boolean {
  return /^\d(\.\d+)?E\+?\d+$/i.test(text.replace(/\s/g, ''));
}
