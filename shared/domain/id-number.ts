/**
 * Resident ID numbers (GB 11643-1999, and the 15-digit GB 11643-1989 legacy form).
 * Township sheets arrive from Excel/WPS, so input is normalised before it is judged:
 * full-width characters, stray spaces, a text-forcing apostrophe or an `="…"` wrapper are noise,
 * not errors.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export type IdProblemCode = 'id-format' | 'id-checksum' | 'id-birthdate';

export type IdValidation =
  | { ok: true; id: string; upgraded: boolean }
  | { ok: false; code: IdProblemCode; message: string };

/** Full-width ASCII block (U+FF01–U+FF5E) sits exactly 0xFEE0 above printable ASCII. */
function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const CLEAN_ID = /^\d{17}[\dX]$/;

export function normalizeIdNumber(raw: string): string {
  // Nearly every ID in a sheet is already clean: skip the rewriting below for those.
  if (typeof raw === 'string' && CLEAN_ID.test(raw)) return raw;
  // \s covers NBSP, U+3000 and BOM; zero-width characters are not whitespace to JS, so list them.
  let s = toHalfWidth(String(raw)).replace(/[\s\u200B-\u200D\u2060]/g, '');
  const wrapped = /^="(.*)"$/.exec(s);
  if (wrapped) s = wrapped[1] ?? '';
  // Excel's text marker may be a straight or a typographic quote after a paste from Word.
  s = s.replace(/^['\u2018\u2019`]+/, '');
  return s.toUpperCase();
}

/** ISO 7064 MOD 11-2 check character for the first 17 digits. */
export function checkDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`checkDigit needs 17 digits, got "${first17}"`);
  return checkCharOf(first17);
}

/** The check character of a string whose first 17 characters are digits (the caller made sure). */
function checkCharOf(id: string): string {
  // Character codes, not Number(id[i]): this runs for every person of every import.
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** The decimal number written by the digits s[from, to); the caller has checked they are digits. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (s.charCodeAt(i) - 48);
  return n;
}

/** 15-digit IDs were issued to people born 1900–1999, hence the fixed "19". */
export function upgrade15(id15: string): string {
  if (!/^\d{15}$/.test(id15)) throw new RangeError(`upgrade15 needs 15 digits, got "${id15}"`);
  const first17 = `${id15.slice(0, 6)}19${id15.slice(6)}`;
  return first17 + checkDigit(first17);
}

function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31);
}

/** Returns a Chinese message when the birth date at id[6, 14) is impossible, else null. */
function birthDateProblem(id: string, today: Date): string | null {
  const y = digitsAt(id, 6, 10);
  const m = digitsAt(id, 10, 12);
  const d = digitsAt(id, 12, 14);
  // Numbers, not date strings: the message text is only built for the rare bad ID.
  const todayYmd = today.getFullYear() * 10_000 + (today.getMonth() + 1) * 100 + today.getDate();
  if (!isRealDate(y, m, d)) return `身份证号码中的出生日期 ${id.slice(6, 14)} 不是有效日期`;
  if (y < 1900) return `身份证号码中的出生日期 ${id.slice(6, 14)} 早于 1900 年`;
  if (y * 10_000 + m * 100 + d > todayYmd) return `身份证号码中的出生日期 ${id.slice(6, 14)} 晚于今天`;
  return null;
}

function formatProblem(id: string): string | null {
  if (id.length === 0) return '身份证号码为空';
  if (id.length === 15) return /^\d{15}$/.test(id) ? null : '15 位身份证号码应全部为数字';
  if (id.length !== 18) return `身份证号码应为 18 位（当前 ${id.length} 位）`;
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号码格式错误：前 17 位应为数字，末位应为数字或 X';
  return null;
}

export function validateIdNumber(raw: string, today: Date = new Date()): IdValidation {
  const normalized = normalizeIdNumber(raw);
  const fmt = formatProblem(normalized);
  if (fmt !== null) return { ok: false, code: 'id-format', message: fmt };
  const upgraded = normalized.length === 15;
  const id = upgraded ? upgrade15(normalized) : normalized;
  const dateProblem = birthDateProblem(id, today);
  if (dateProblem !== null) return { ok: false, code: 'id-birthdate', message: dateProblem };
  // A legacy number has no check digit of its own, so only an 18-digit input can fail here.
  const expected = checkCharOf(id);
  if (id.charCodeAt(17) !== expected.charCodeAt(0)) {
    return { ok: false, code: 'id-checksum', message: `身份证号码校验位错误（应为 ${expected}）` };
  }
  return { ok: true, id, upgraded };
}

/** Callers pass validated IDs; anything else throws rather than yield a plausible wrong answer. */
function as18(id: string): string {
  const n = normalizeIdNumber(id);
  const full = /^\d{15}$/.test(n) ? upgrade15(n) : n;
  if (!/^\d{17}[\dX]$/.test(full)) throw new RangeError(`not an ID number: "${id}"`);
  return full;
}

/** The sequence code's last digit (17th of 18) is odd for men and even for women. */
export function sexFromId(id: string): '男' | '女' {
  const digit = Number(as18(id)[16]);
  return digit % 2 === 1 ? '男' : '女';
}

export function birthDateFromId(id: string): string {
  const full = as18(id);
  return `${full.slice(6, 10)}-${full.slice(10, 12)}-${full.slice(12, 14)}`;
}

/**
 * Completed years on the local calendar date `on`. Someone born on 29 Feb becomes a year older
 * on 1 Mar in common years, because (month, day) is compared as a pair.
 */
export function ageOn(id: string, on: Date): number {
  const full = as18(id);
  const by = Number(full.slice(6, 10));
  const bm = Number(full.slice(10, 12));
  const bd = Number(full.slice(12, 14));
  const m = on.getMonth() + 1;
  const d = on.getDate();
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return on.getFullYear() - by - (hadBirthday ? 0 : 1);
}

/**
 * Public notices must not show ID numbers (DOMAIN §3.3). Strings of four characters or fewer are
 * masked completely: showing "the last 4" of them would show everything.
 */
export function maskIdNumber(id: string): string {
  if (id.length === 18) return `${id.slice(0, 6)}********${id.slice(14)}`;
  if (id.length <= 4) return '*'.repeat(id.length);
  return '*'.repeat(id.length - 4) + id.slice(-4);
}

/**
 * Excel keeps 15 significant digits, so an ID typed into a number cell comes back as a number
 * ≥ 1e14 with its tail zeroed — the original cannot be recovered and must be refused (`id-not-text`).
 */
export function looksLikeLostPrecision(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) >= 1e14;
}

/** Builds a valid 18-digit ID; for demo data and tests. */
export function makeIdNumber(addressCode: string, birth: string, seq: number): string {
  if (!/^\d{6}$/.test(addressCode)) throw new RangeError(`address code must be 6 digits: "${addressCode}"`);
  if (!/^\d{8}$/.test(birth)) throw new RangeError(`birth date must be YYYYMMDD: "${birth}"`);
  if (!Number.isInteger(seq) || seq < 0 || seq > 999) throw new RangeError(`sequence must be 0..999: ${seq}`);
  const first17 = addressCode + birth + String(seq).padStart(3, '0');
  return first17 + checkDigit(first17);
}
