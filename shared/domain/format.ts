/**
 * Display formatting shared by views and exported forms. Rounding is half away from zero on the
 * decimal value a person reads (1.005 → 1.01), unlike toFixed, which rounds the binary value.
 * Missing values show as an em dash, the usual blank in Chinese statistical tables.
 */

export const MISSING = '—';

/** Fixed-point text with `digits` decimals, half away from zero, without float noise. */
function fixed(n: number, digits: number): string {
  const scaled = Math.round(Number((Math.abs(n) * 10 ** digits).toPrecision(15)));
  if (scaled === 0) return (0).toFixed(digits);
  const sign = n < 0 ? '-' : '';
  const int = Math.floor(scaled / 10 ** digits);
  const frac = digits > 0 ? `.${String(scaled - int * 10 ** digits).padStart(digits, '0')}` : '';
  return `${sign}${groupThousands(String(int))}${frac}`;
}

function groupThousands(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function usable(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** '11,100.00'; null → '—'. */
export function formatYuan(n: number | null, digits = 2): string {
  return usable(n) ? fixed(n, digits) : MISSING;
}

/** '372,100'; rounds half away from zero. */
export function formatInt(n: number | null): string {
  return usable(n) ? fixed(n, 0) : MISSING;
}

/** A ratio as a percentage: 0.143 → '14.3%'. */
export function formatPercent(ratio: number | null, digits = 1): string {
  return usable(ratio) ? `${fixed(ratio * 100, digits)}%` : MISSING;
}

/** Changes and gaps: '+2,300.00', '-1,500.00'; zero (after rounding) has no sign. */
export function formatSignedYuan(n: number | null, digits = 2): string {
  if (!usable(n)) return MISSING;
  const text = fixed(n, digits);
  return n > 0 && /[1-9]/.test(text) ? `+${text}` : text;
}
