/**
 * The parser for non-money numbers a person types into a form or filter: a year, a household size,
 * an age, an indicator's value. el-input-number clamped out-of-range entries on blur (typing 2200
 * in a year field saved 2100, −3 in an age filter became 0) and dropped text it could not read; this
 * reads full-width digits and commas, and refuses anything else with a message shown at the field.
 * Amounts of money use amount-input.ts (it also reads 万).
 */
import { toHalfWidth } from './import-values.ts';

export type NumberParse = { ok: true; value: number | null } | { ok: false; message: string };

export interface NumberRules {
  min?: number;
  max?: number;
  /** Whole numbers only (years, persons, ages, record IDs). */
  integer?: boolean;
  /** What is counted, for the message ("年度", "人口"). */
  label?: string;
  /** The unit the field is in ("万人", "%"), named when someone types a unit of their own. */
  unit?: string;
}

export function parseNumberInput(text: string, rules: NumberRules = {}): NumberParse {
  const raw = text.trim();
  if (raw === '') return { ok: true, value: null };
  const t = toHalfWidth(raw).replace(/[\s,，]/g, '').replace(/^[−–—]/, '-');
  const what = rules.label ?? '本栏';
  if (/^[-+]?(\d+(\.\d*)?|\.\d+)[^\d.]+$/.test(t)) {
    const unit = rules.unit ? `（单位已是“${rules.unit}”）` : '';
    return { ok: false, message: `${what}请只填写数字${unit}，不要带单位或文字` };
  }
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return { ok: false, message: `“${raw.slice(0, 20)}”不是数字，请重新填写` };
  const value = Number(t);
  if (rules.integer && !Number.isInteger(value)) return { ok: false, message: `${what}应为整数（填写的是 ${raw}）` };
  const { min, max } = rules;
  // Refused, never moved to the bound: the steward sees what they typed and decides.
  if (min !== undefined && value < min) return { ok: false, message: `${what}不能小于 ${min}（填写的是 ${raw}）` };
  if (max !== undefined && value > max) return { ok: false, message: `${what}不能大于 ${max}（填写的是 ${raw}）` };
  return { ok: true, value: value === 0 ? 0 : value };
}

/** The text a stored number is shown as in the field (no grouping: years must not read "2,024"). */
export function numberText(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return String(value);
}
