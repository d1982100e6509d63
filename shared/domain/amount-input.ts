/**
 * The one parser for amounts a person types into a form (income parts, measure funds, plan targets).
 * It reads what stewards write — "1.2万", "12,000", "１２０００", "¥800 元" — and either returns the
 * figure they meant or refuses with a message shown at the field. It never stores something else:
 * no clamping of −500 to 0, no rounding of a third decimal, no "1.2万" read as 1.2.
 */
import { toHalfWidth } from './import-values.ts';
import { formatYuan } from './format.ts';

export type AmountParse =
  | { ok: true; value: number | null; /** How a non-plain entry was read, shown beside the field. */ note: string | null }
  | { ok: false; message: string };

export interface AmountRules {
  /** Whether a negative figure is a legitimate entry (e.g. a loss); otherwise it is refused. */
  allowNegative?: boolean;
  /** Upper bound in yuan; larger entries are refused, never cut down. */
  max?: number;
}

const DEFAULT_MAX = 100_000_000;

/** 万 and 千 as multipliers; 元 and currency signs are decoration. */
const UNITS: Record<string, number> = { 万: 10_000, 千: 1_000 };

function normalise(text: string): string {
  return toHalfWidth(text)
    .replace(/[\s,，¥￥]/g, '')
    .replace(/元$/, '')
    .replace(/^[−–—]/, '-'); // minus signs pasted from Word/WPS
}

/** Scales a decimal text by 10^k without float noise ("1.2" × 10^4 → 12000, not 11999.999…). */
function scaleDecimal(digits: string, factor: number): number {
  return Number((Number(digits) * factor).toPrecision(15));
}

export function parseAmountInput(text: string, rules: AmountRules = {}): AmountParse {
  const raw = text.trim();
  if (raw === '') return { ok: true, value: null, note: null };
  const t = normalise(raw);
  const m = /^([-+]?)(\d+(?:\.\d*)?|\.\d+)(万|千)?$/.exec(t);
  if (!m) return { ok: false, message: `“${raw.slice(0, 20)}”不是金额，请填写数字，如 12000 或 1.2万` };
  const [, sign, digits, unit] = m as unknown as [string, string, string, string | undefined];
  const magnitude = unit ? scaleDecimal(digits, UNITS[unit]!) : Number(digits);
  const value = sign === '-' ? -magnitude : magnitude;
  if (value < 0 && !rules.allowNegative) {
    return { ok: false, message: `金额不能为负数（填写的是 ${raw}），请核对；未保存` };
  }
  const max = rules.max ?? DEFAULT_MAX;
  if (Math.abs(value) > max) return { ok: false, message: `金额 ${formatYuan(value)} 元超过上限 ${formatYuan(max, 0)} 元，请核对` };
  const fenExact = Math.abs(Number((value * 100).toPrecision(15)) % 1) === 0;
  if (!fenExact) return { ok: false, message: `“${raw}”精确到分以下，金额最多两位小数（到分）` };
  const plain = /^-?\d+(\.\d{1,2})?$/.test(raw);
  const note = plain ? null : `按 ${formatYuan(value)} 元`;
  return { ok: true, value: value === 0 ? 0 : value, note };
}

/** The text a stored figure is shown as in the field (no grouping, so editing it round-trips). */
export function amountText(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  return String(value);
}
