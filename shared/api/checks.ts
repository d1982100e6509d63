import { z } from 'zod';
import { FINDING_STATES, SETTABLE_STATES, SOURCE_KINDS, THRESHOLDS } from '../checks/catalogue.ts';
import { method } from './define.ts';

/** 数据核查: department lists, check runs, findings and their answers (types mirror electron/checks/). */
export interface MatchReportDto { rows: number; matched: number; notInLedger: number; nameDiffers: number; invalidIds: number }
export interface SourceDto { id: number; dept: string; kind: string; asOf: string; fileName: string; createdAt: string; counts: MatchReportDto }
export interface SourceAdded { source: SourceDto; invalidIds: string[] }
export interface RunSummaryDto {
  runId: number; year: number; found: number; added: number; reopened: number; closedByData: number; byRule: Record<string, number>;
  /** The monitoring line the line rules used, with where it came from; null when the year has none. */
  line: { value: number; scope: string; scopeName: string; source: string } | null;
  /** Rules not run for want of a monitoring line (their findings kept as they were). */
  skipped: string[];
}
export interface FindingDto {
  id: number; rule: string; householdId: number | null; householdCode: string | null; memberName: string | null; memberId: string | null;
  townshipCode: string | null; townshipName: string | null; year: number; message: string; state: (typeof FINDING_STATES)[number]; reason: string | null;
  stateOperator: string | null; stateAt: string | null; closedBatchId: number | null;
}
export interface ProgressRowDto {
  code: string; name: string; total: number; open: number; fixed: number; exempt: number; falsePositive: number; closedByData: number; rate: number | null;
}
export interface ProgressDto { townships: ProgressRowDto[]; rules: ProgressRowDto[] }
export interface ClosureDto { townshipCode: string | null; rule: string; total: number; open: number; closed: number; rate: number }
export interface AnswerResult { updated: number; unchanged: number; problems: string[] }

const Text = (n: number) => z.string().trim().min(1).max(n);
const Year = z.number().int().min(2000).max(2100);
const ThresholdKey = z.enum(Object.keys(THRESHOLDS) as [keyof typeof THRESHOLDS, ...Array<keyof typeof THRESHOLDS>]);

export const checksApi = {
  'checks:sources': method<SourceDto[]>()(z.object({}).strict()),
  'checks:add-source': method<SourceAdded>()(z.object({
    path: Text(1000), dept: Text(50), kind: z.enum(SOURCE_KINDS), asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '截止日期应为 YYYY-MM-DD'),
  }).strict(), { writes: 'job', audit: ['checks:source-add'] }),
  'checks:delete-source': method<{ deleted: number }>()(z.object({ id: z.number().int().positive() }).strict(), { writes: 'tx', audit: ['checks:source-delete'] }),
  'checks:run': method<RunSummaryDto>()(z.object({ year: Year.optional() }).strict(), { writes: 'tx', audit: ['checks:run'] }),
  'checks:findings': method<FindingDto[]>()(z.object({
    township: z.string().max(12).optional(), rule: z.string().max(10).optional(), state: z.enum(FINDING_STATES).optional(), year: Year.optional(),
  }).strict()),
  'checks:set-state': method<FindingDto[]>()(z.object({
    id: z.number().int().positive(), state: z.enum(SETTABLE_STATES), reason: z.string().trim().max(200).optional(),
  }).strict().refine((a) => a.state !== 'exempt' || (a.reason ?? '') !== '', { message: '豁免须填写理由', path: ['reason'] }), { writes: 'tx', audit: ['checks:finding-state'] }),
  'checks:closure': method<ClosureDto[]>()(z.object({ year: Year.optional() }).strict()),
  'checks:progress': method<ProgressDto>()(z.object({ year: Year.optional(), township: z.string().max(12).optional() }).strict()),
  'checks:set-threshold': method<{ key: string; old: number; value: number }>()(z.object({ key: ThresholdKey, value: z.number().finite() }).strict(), { writes: 'tx', audit: ['checks:threshold'] }),
  // Without `out` the save dialog asks where; a cancelled dialog returns path null and writes nothing.
  'checks:export-township': method<{ path: string | null; findings: number }>()(z.object({ township: z.string().max(12), out: Text(1000).optional() }).strict()),
  'dialog:openCheckFile': method<string | null>()(z.object({ purpose: z.enum(['source', 'answer']) }).strict()),
  'checks:answer': method<AnswerResult>()(z.object({ path: Text(1000) }).strict(), { writes: 'job', audit: ['checks:finding-state'] }),
};
