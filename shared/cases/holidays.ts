/**
 * The public holidays and make-up working days seeded into `work_calendar` (editable afterwards on
 * the 监测对象 page or with the CLI). Source: the State Council General Office's yearly notices,
 * quoted day by day:
 * - 2025: 《国务院办公厅关于2025年部分节假日安排的通知》（国办发明电〔2024〕12号，2024-11-12）
 * - 2026: 《国务院办公厅关于2026年部分节假日安排的通知》（2025-11-04，新华社全文）
 * A later year is added here when its notice is published; the seed adds a year only once, so a
 * steward's edits are never overwritten.
 */
import type { CalendarDay, DayKind } from './calendar.ts';

export const HOLIDAY_SOURCES: Readonly<Record<number, string>> = {
  2025: '《国务院办公厅关于2025年部分节假日安排的通知》（国办发明电〔2024〕12号，2024年11月12日）',
  2026: '《国务院办公厅关于2026年部分节假日安排的通知》（2025年11月4日）',
};

type Span = readonly [from: string, to: string, name: string];

const OFF: Readonly<Record<number, readonly Span[]>> = {
  2025: [
    ['2025-01-01', '2025-01-01', '元旦'], ['2025-01-28', '2025-02-04', '春节'], ['2025-04-04', '2025-04-06', '清明节'],
    ['2025-05-01', '2025-05-05', '劳动节'], ['2025-05-31', '2025-06-02', '端午节'], ['2025-10-01', '2025-10-08', '国庆节、中秋节'],
  ],
  2026: [
    ['2026-01-01', '2026-01-03', '元旦'], ['2026-02-15', '2026-02-23', '春节'], ['2026-04-04', '2026-04-06', '清明节'],
    ['2026-05-01', '2026-05-05', '劳动节'], ['2026-06-19', '2026-06-21', '端午节'], ['2026-09-25', '2026-09-27', '中秋节'],
    ['2026-10-01', '2026-10-07', '国庆节'],
  ],
};

/** 调休上班: weekend days that are working days. */
const ON: Readonly<Record<number, ReadonlyArray<readonly [string, string]>>> = {
  2025: [['2025-01-26', '春节调休上班'], ['2025-02-08', '春节调休上班'], ['2025-04-27', '劳动节调休上班'],
    ['2025-09-28', '国庆节调休上班'], ['2025-10-11', '国庆节调休上班']],
  2026: [['2026-01-04', '元旦调休上班'], ['2026-02-14', '春节调休上班'], ['2026-02-28', '春节调休上班'],
    ['2026-05-09', '劳动节调休上班'], ['2026-09-20', '国庆节调休上班'], ['2026-10-10', '国庆节调休上班']],
};

function spanDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export interface SeedDay extends CalendarDay {
  source: string;
}

/** Every seeded day of a year (empty for a year without a notice here). */
export function holidaySeed(year: number): SeedDay[] {
  const source = HOLIDAY_SOURCES[year];
  if (!source) return [];
  const day = (date: string, kind: DayKind, name: string): SeedDay => ({ date, kind, name, source });
  return [
    ...(OFF[year] ?? []).flatMap(([a, b, name]) => spanDays(a, b).map((d) => day(d, '休', name))),
    ...(ON[year] ?? []).map(([d, name]) => day(d, '班', name)),
  ];
}

export const SEEDED_HOLIDAY_YEARS: readonly number[] = Object.keys(HOLIDAY_SOURCES).map(Number);
