/**
 * 年度采集: the submission board of a year and county, the year-over-year checks behind it, and the
 * 自然变更 (natural changes) with coded reasons.
 */
import { z } from 'zod';
import { method } from './define.ts';
import { FilePath, Id, Year } from './common.ts';
import { NATURAL_REASONS, type NaturalReason } from '../campaign/reasons.ts';
import type { SubmissionState } from '../campaign/states.ts';

const CountyCode = z.string().regex(/^\d{6}$/, '县区代码应为 6 位数字');

export interface YoyCounts {
  /** Households with an income record last year and none this year (still in the ledger). */
  missing: number;
  /** Households with a record this year and none last year. */
  added: number;
  sizeChanged: number;
  /** Per-capita net moved beyond the threshold either way. */
  jumps: number;
  /** A component (wage, business, property, transfer) above zero last year, zero this year. */
  vanished: number;
}

export interface BoardBatch {
  id: number;
  fileName: string;
  createdAt: string;
  households: number;
  refused: number;
}

export interface BoardRow {
  code: string;
  name: string;
  state: SubmissionState;
  batches: BoardBatch[];
  /** Households of the township in the ledger. */
  households: number;
  /** Of them, with an income record for the year. */
  withIncome: number;
  /** withIncome ÷ households, 0–1 (null when the township has no households). */
  rate: number | null;
  refusedRows: number;
  /** Findings of the year's checks still 待整改 (state open) in the township. */
  openFindings: number;
  yoy: YoyCounts;
  changes: number;
}

export interface BoardResult {
  year: number;
  county: string;
  countyName: string;
  jumpRate: number;
  rows: BoardRow[];
  total: Omit<BoardRow, 'state' | 'batches' | 'code' | 'name'>;
  /** Townships with no import for the year (未报送), for the reminder list. */
  reminders: Array<{ code: string; name: string }>;
}

export interface ChangeRow {
  id: number;
  year: number;
  date: string;
  reason: NaturalReason;
  note: string | null;
  township: string;
  townshipName: string;
  householdCode: string;
  personName: string | null;
  /** Masked (only the last 4 shown). */
  idNumber: string | null;
  leftLedger: boolean;
  operator: string;
}

export interface ChangesResult {
  year: number;
  rows: ChangeRow[];
  /** township code → reason → count. */
  byTownship: Array<{ code: string; name: string; counts: Partial<Record<NaturalReason, number>>; total: number }>;
  byReason: Partial<Record<NaturalReason, number>>;
}

export const RecordChangeArgs = z.object({
  year: Year,
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD'),
  reason: z.enum(NATURAL_REASONS),
  note: z.string().trim().max(200).optional(),
  householdId: Id,
  /** The member concerned; omitted for a change of the whole household (合户, household 迁出). */
  memberId: Id.optional(),
  /** Take the member (or the household) out of the ledger; only for leaving reasons. */
  remove: z.boolean().default(false),
}).strict();

export interface BulletinResult {
  path: string;
  /** Townships written. */
  rows: number;
  /** Of them, not yet in (the 催报名单). */
  reminders: number;
}

export const campaignApi = {
  'campaign:board': method<BoardResult>()(z.object({ year: Year, county: CountyCode, jumpRate: z.number().min(0.01).max(10).optional() }).strict()),
  /** The board as the daily 通报 workbook; without `out` (the window) main asks where to save it; null when cancelled. */
  'campaign:exportBulletin': method<BulletinResult | null>()(z.object({ year: Year, county: CountyCode, out: FilePath.optional(), force: z.boolean().optional() }).strict()),
  'campaign:changes': method<ChangesResult>()(z.object({ year: Year, county: CountyCode.optional() }).strict()),
  'campaign:recordChange': method<ChangeRow>()(RecordChangeArgs, { writes: 'tx', audit: ['campaign:change', 'ledger:remove', 'ledger:sync'], changes: 'ledger' }),
} as const;
