/**
 * 导出当前列表 and the other report outputs of issue #21: a ledger list (households, members, the
 * work ledger) exactly as filtered and sorted on screen, an on-screen analysis table, the income
 * band edges of 收入分段统计, and the written analysis report (.docx). File targets come from the
 * save dialog in main, as for the forms.
 */
import { z } from 'zod';
import { method } from './define.ts';
import { RegionCode, ShortText, Year } from './common.ts';
import { HouseholdListArgs, MemberListArgs } from './ledger.ts';
import { LedgerArgs } from './monitoring.ts';

export const HouseholdListFilterArgs = HouseholdListArgs.omit({ offset: true, limit: true, withTotal: true });
export const MemberListFilterArgs = MemberListArgs.omit({ offset: true, limit: true, withTotal: true, after: true });
export const WorkLedgerFilterArgs = LedgerArgs.omit({ offset: true, limit: true });

const FullIds = { showIds: z.boolean().default(false), reason: z.string().trim().max(200).optional() };

export const ExportListArgs = z.discriminatedUnion('list', [
  z.object({ list: z.literal('households'), filter: HouseholdListFilterArgs, ...FullIds }).strict(),
  z.object({ list: z.literal('members'), filter: MemberListFilterArgs, ...FullIds }).strict(),
  z.object({ list: z.literal('work-ledger'), filter: WorkLedgerFilterArgs }).strict(),
]);
export type ExportListArgs = z.infer<typeof ExportListArgs>;

export const TABLE_CELL_KINDS = ['text', 'money', 'percent', 'count'] as const;
const Cell = z.union([z.string().max(200), z.number().finite(), z.null()]);

/** A table the window shows (an analysis table): its numbers as shown, written in the forms' layout. */
export const ExportTableArgs = z
  .object({
    title: ShortText.min(1),
    /** Region, year and any filter of the view, written in the title block. */
    filterLine: ShortText,
    columns: z.array(z.object({ label: z.string().min(1).max(60), kind: z.enum(TABLE_CELL_KINDS) }).strict()).min(1).max(60),
    rows: z.array(z.array(Cell).max(60)).max(20_000),
  })
  .strict()
  .refine((t) => t.rows.every((r) => r.length === t.columns.length), { message: '每行的单元格数应与列数相同', path: ['rows'] });

export const ReportArgs = z
  .object({ year: Year.optional(), county: RegionCode.optional() })
  .strict();

export interface BandEdgesDto {
  edges: number[];
  labels: string[];
  isDefault: boolean;
}

/** What the list-export job resolves with (job:done). */
export interface ListJobResult {
  path: string;
  rows: number;
  title: string;
  filterLine: string;
  bytes: number;
  fullIds: boolean;
}

/** What the report job resolves with (job:done). */
export interface ReportJobResult {
  path: string;
  title: string;
  year: number;
  scopeLabel: string;
  charts: number;
  /** Set when the charts could not be drawn (no CJK font): the document says so in their place. */
  warning: string | null;
  bytes: number;
}

export const exportListApi = {
  /** Starts the list export job; null when the user closed the save dialog. */
  'export:list': method<{ jobId: string; path: string } | null>()(ExportListArgs),
  'export:table': method<{ path: string | null; rows: number }>()(ExportTableArgs),
  'export:bands:get': method<BandEdgesDto>()(z.object({}).strict()),
  'export:bands:set': method<BandEdgesDto>()(
    z.object({ edges: z.array(z.number().int().min(1).max(1_000_000)).min(1).max(10) }).strict(),
    { writes: 'tx', audit: ['settings'], changes: 'settings' },
  ),
  /** Starts the report job (.docx); null when the user closed the save dialog. */
  'report:run': method<{ jobId: string; path: string } | null>()(ReportArgs),
};
