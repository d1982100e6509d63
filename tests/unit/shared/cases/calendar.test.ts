/** Working days over the seeded 2025/2026 holidays, and the timing of a case from its steps. */
import { describe, expect, it } from 'vitest';
import { addWorkdays, isWorkday, makeCalendar, uncoveredYears, workdaysBetween } from '../../../../shared/cases/calendar.ts';
import { caseTiming, DEFAULT_RULES } from '../../../../shared/cases/deadlines.ts';
import { holidaySeed } from '../../../../shared/cases/holidays.ts';
import { canMove, CASE_STATES, TRANSITIONS } from '../../../../shared/cases/states.ts';

const cal = makeCalendar([...holidaySeed(2025), ...holidaySeed(2026)]);
const weekendsOnly = makeCalendar([]);

describe('working-day calendar', () => {
  it('seeds the notices day by day', () => {
    const off2025 = holidaySeed(2025).filter((d) => d.kind === '休');
    expect(off2025).toHaveLength(1 + 8 + 3 + 5 + 3 + 8); // 元旦, 春节, 清明, 劳动, 端午, 国庆中秋
    expect(holidaySeed(2026).filter((d) => d.kind === '休')).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    expect(holidaySeed(2026).filter((d) => d.kind === '班').map((d) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(holidaySeed(2024)).toEqual([]);
    expect(holidaySeed(2025).every((d) => d.source.includes('国办发明电〔2024〕12号'))).toBe(true);
  });

  it('counts a make-up Sunday and skips the National Day week', () => {
    expect(isWorkday(cal, '2025-09-28')).toBe(true); // Sunday, 调休上班
    expect(isWorkday(cal, '2025-10-06')).toBe(false); // Monday, holiday
    expect(isWorkday(cal, '2025-10-11')).toBe(true); // Saturday, 调休上班
    // Clue on Friday 26 Sept: 28 (Sun, 班), 29, 30, then 9 and 10 October.
    expect(addWorkdays(cal, '2025-09-26', 5)).toBe('2025-10-10');
    expect(addWorkdays(weekendsOnly, '2025-09-26', 5)).toBe('2025-10-03');
    expect(addWorkdays(cal, '2025-09-26', 15)).toBe('2025-10-23');
    expect(workdaysBetween(cal, '2025-09-26', '2025-10-10')).toBe(5);
    expect(workdaysBetween(cal, '2025-10-13', '2025-10-10')).toBe(-2);
    expect(workdaysBetween(cal, '2026-02-13', '2026-02-24')).toBe(2); // 14 Feb (Sat, 班) and 24 Feb
  });

  it('names the years it does not know', () => {
    expect(uncoveredYears(cal, '2025-12-30', '2027-01-05')).toEqual([2027]);
    expect(uncoveredYears(cal, '2025-01-01', '2026-12-31')).toEqual([]);
  });
});

describe('case timing', () => {
  it('runs the home-check limit from the clue, then the identification limit', () => {
    const clue = [{ state: '线索' as const, date: '2025-09-26' }];
    expect(caseTiming(cal, DEFAULT_RULES, clue, '2025-10-09')).toMatchObject({ deadline: { label: '入户核实', date: '2025-10-10' }, daysLeft: 1, overdue: false, daysTaken: 4 });
    expect(caseTiming(cal, DEFAULT_RULES, clue, '2025-10-13')).toMatchObject({ daysLeft: -2, overdue: true });
    const checked = [...clue, { state: '入户核实' as const, date: '2025-10-13' }];
    const t = caseTiming(cal, DEFAULT_RULES, checked, '2025-10-14');
    expect(t).toMatchObject({ deadline: { label: '县级审定', date: '2025-10-23' }, daysLeft: 7, overdue: false, daysInState: 1 });
    expect(t.late).toEqual(['入户核实超期 2 个工作日（时限 2025-10-10，完成 2025-10-13）']);
  });

  it('allows only the published order of steps', () => {
    expect(canMove('线索', '入户核实')).toBe(true);
    expect(canMove('线索', '县级审定')).toBe(false);
    expect(canMove('县级审定', '不予纳入')).toBe(false);
    expect(canMove('继续监测', '风险消除')).toBe(true);
    for (const s of CASE_STATES) for (const t of TRANSITIONS[s]) expect(CASE_STATES).toContain(t);
  });
});
