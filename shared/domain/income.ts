/**
 * Income formulas shared by every view, query and form (DOMAIN §2.1, ARCHITECTURE "Definitions").
 * Unit-agnostic: callers pass fen or yuan, but consistently within one call.
 */

export interface IncomeParts {
  wage: number;
  businessGross: number;
  businessExpense: number;
  property: number;
  transfer: number;
  /**
   * 经营净收入 as one figure, when the source gave no gross/expense split (then both are 0). Null or
   * absent: the net is gross − expense. Never added to the gross: the plan's targets are on the net.
   */
  businessNetOnly?: number | null;
}

/** 家庭纯收入 = 工资性 + 生产经营性收入 − 生产经营性支出 (or 经营净收入 as given) + 财产性 + 转移性. */
export function householdNet(p: IncomeParts): number {
  return p.wage + businessNet(p) + p.property + p.transfer;
}

/** 生产经营性净收入: the plan's "经营性净收入" target is on this net figure, not the gross. */
export function businessNet(p: IncomeParts): number {
  if (p.businessNetOnly !== undefined && p.businessNetOnly !== null) return p.businessNetOnly;
  return p.businessGross - p.businessExpense;
}

/** Household per-capita; null (not 0 or Infinity) when there is no one to divide by. */
export function perCapita(net: number, size: number): number | null {
  if (!(size > 0)) return null;
  return net / size;
}

/**
 * The only correct per-capita for a region or group: Σ net / Σ persons. A mean of household
 * per-capita figures would give a one-person household the same weight as a family of eight.
 */
export function weightedPerCapita(sumNet: number, sumPersons: number): number | null {
  if (!(sumPersons > 0)) return null;
  return sumNet / sumPersons;
}

/** current / previous − 1; undefined (null) when a base is missing or not positive. */
export function growth(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null) return null;
  if (!(previous > 0)) return null;
  return current / previous - 1;
}

/** reference − actual: positive means the actual figure still falls short. */
export function gap(reference: number | null, actual: number | null): number | null {
  if (reference === null || actual === null) return null;
  return reference - actual;
}

/** The plan says "低于8000元": exactly on the line is not below it. */
export function isBelowLine(perCapitaValue: number, line: number): boolean {
  return perCapitaValue < line;
}

/** The plan gives no tolerance, so any fall counts; no previous year means no decrease. */
export function hasDecreased(current: number, previous: number | null): boolean {
  if (previous === null) return false;
  return current < previous;
}

/**
 * Scales by 10^digits and rounds half away from zero. toPrecision(15) first removes binary noise,
 * so 1.005 (stored as 1.00499999…) rounds to 1.01 as a person would expect.
 */
function roundScaled(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const raw = Math.abs(x) * 10 ** digits;
  // Within 1e-7 of a whole number (below 1e9) toPrecision(15) would keep that number: skip the
  // string round trip, which an import paid for every amount with a fraction.
  const near = Math.round(raw);
  const r = raw < 1e9 && Math.abs(raw - near) < 1e-7 ? near : Math.round(Number(raw.toPrecision(15)));
  return r === 0 ? 0 : Math.sign(x) * r;
}

export function round2(x: number): number {
  if (!Number.isFinite(x)) return x;
  const r = roundScaled(x, 2) / 100;
  return r === 0 ? 0 : r;
}

export function fenToYuan(fen: number): number {
  return round2(fen / 100);
}

export function yuanToFen(yuan: number): number {
  // Whole yuan (most amounts in township sheets) convert exactly without the toPrecision round trip.
  if (Number.isInteger(yuan) && Math.abs(yuan) < 9e13) return yuan * 100 + 0;
  return roundScaled(yuan, 2);
}

/**
 * Linear yuan per year and compound rate per year needed to go from `latest` to `target`.
 * Null when the target year is not after the latest year, or the rate has no positive base.
 */
export function requiredAnnualIncrease(
  latest: number,
  latestYear: number,
  target: number,
  targetYear: number,
): { yuanPerYear: number; ratePerYear: number } | null {
  const years = targetYear - latestYear;
  if (!(years > 0) || !(latest > 0) || !Number.isFinite(target)) return null;
  return {
    yuanPerYear: (target - latest) / years,
    ratePerYear: (target / latest) ** (1 / years) - 1,
  };
}
