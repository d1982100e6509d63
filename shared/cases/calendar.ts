/**
 * Working days (工作日): Monday to Friday, minus the public holidays (休) and plus the weekend days
 * declared working days (调休上班, 班) of the State Council's yearly notice. The calendar is data
 * (`work_calendar`, seeded from holidays.ts, editable); a year with no rows is counted by weekends
 * only, and callers say so on screen (`uncoveredYears`).
 * Dates are 'YYYY-MM-DD' strings handled as UTC day numbers, so no time zone can shift a day.
 */
export type DayKind = '休' | '班';

export interface CalendarDay {
  date: string;
  kind: DayKind;
  name: string;
}

export interface WorkCalendar {
  readonly overrides: ReadonlyMap<string, DayKind>;
  /** Years that have at least one row: their holidays are known. */
  readonly years: ReadonlySet<number>;
}

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function dayNumber(date: string): number {
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const n = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS;
  if (fromDayNumber(n) !== date) throw new RangeError(`not a date: ${date}`);
  return n;
}

export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function isValidDate(date: string): boolean {
  try {
    dayNumber(date);
    return true;
  } catch {
    return false;
  }
}

export function makeCalendar(days: Iterable<CalendarDay>): WorkCalendar {
  const overrides = new Map<string, DayKind>();
  const years = new Set<number>();
  for (const d of days) {
    overrides.set(d.date, d.kind);
    years.add(Number(d.date.slice(0, 4)));
  }
  return { overrides, years };
}

export function isWorkday(cal: WorkCalendar, date: string): boolean {
  const o = cal.overrides.get(date);
  if (o) return o === '班';
  const weekday = new Date(dayNumber(date) * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The date that is the n-th working day after `date` (the day itself not counted); n ≥ 0. */
export function addWorkdays(cal: WorkCalendar, date: string, n: number): string {
  let d = dayNumber(date);
  for (let left = n; left > 0;) {
    d++;
    if (isWorkday(cal, fromDayNumber(d))) left--;
  }
  return fromDayNumber(d);
}

/** Working days in (from, to]; negative when `to` is before `from`. Bounded to a few years of days. */
export function workdaysBetween(cal: WorkCalendar, from: string, to: string): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b < a) return -workdaysBetween(cal, to, from);
  let n = 0;
  for (let d = a + 1; d <= b; d++) if (isWorkday(cal, fromDayNumber(d))) n++;
  return n;
}

/** Years touched by [from, to] whose holidays are not in the calendar. */
export function uncoveredYears(cal: WorkCalendar, from: string, to: string): number[] {
  const lo = Math.min(Number(from.slice(0, 4)), Number(to.slice(0, 4)));
  const hi = Math.max(Number(from.slice(0, 4)), Number(to.slice(0, 4)));
  const out: number[] = [];
  for (let y = lo; y <= hi; y++) if (!cal.years.has(y)) out.push(y);
  return out;
}
