/**
 * 导出: forms sent to upper levels as styled .xlsx. A run is a job (progress through `job:progress`,
 * the outcome through `job:done` with kind 'export'); the preview shows the first rows exactly as
 * they go into the file. Full ID numbers need a reason, which goes to the audit log. The target
 * file always comes from the save dialog in main: the window cannot name a path to overwrite.
 */
import { z } from 'zod';
import { method } from './define.ts';
import { FilePath, RegionCode, Year } from './common.ts';

export const EXPORT_FORMS = ['income-summary', 'half-year', 'income-bands', 'employment', 'monitoring', 'two-groups', 'plans', 'matrix', 'ledger'] as const;
export type ExportForm = (typeof EXPORT_FORMS)[number];

export interface ExportFormInfo {
  form: ExportForm;
  title: string;
  description: string;
  available: boolean;
  /** Why the form cannot be exported yet (Chinese), when not available. */
  reason: string | null;
  /** Whether the form holds ID numbers (the full-ID option applies). */
  hasIds: boolean;
}

export interface ExportRegion {
  code: string;
  name: string;
  /** The county a township belongs to. */
  county?: string;
}

/** What the 导出 page offers: the forms (with availability), the years with income data and the regions in the ledger. */
export interface ExportOptionsDto {
  forms: ExportFormInfo[];
  years: number[];
  latestYear: number | null;
  counties: ExportRegion[];
  townships: ExportRegion[];
}

export interface ExportPreview {
  title: string;
  sheet: string;
  /** Column labels, group and sub-header joined with '/'. */
  columns: string[];
  /** Each column's Excel number format ('#,##0.00', '0.0%', '#,##0', '@'), so the preview shows numbers as Excel will. */
  formats: string[];
  /** Column widths in Excel characters, as the form sets them. */
  widths: number[];
  rows: Array<Array<string | number | null>>;
  /** True when the form has more rows than the preview shows. */
  truncated: boolean;
}

export interface ExportOutcomeDto {
  form: ExportForm;
  path: string;
  year: number;
  scopeLabel: string;
  rows: number;
  sheets: string[];
  bytes: number;
  fullIds: boolean;
  /** Written as a password-protected .xlsx (ECMA-376 agile encryption). */
  passwordProtected: boolean;
}

const Scope = {
  form: z.enum(EXPORT_FORMS),
  year: Year.optional(),
  county: RegionCode.optional(),
  township: RegionCode.optional(),
  /** Regional forms: rows per township or per village. */
  by: z.enum(['township', 'village']).optional(),
  /** 增收情况表: 上半年 or 年度. */
  period: z.enum(['half', 'year']).optional(),
};

export const ExportRunArgs = z
  .object({
    ...Scope,
    showIds: z.boolean().default(false),
    reason: z.string().trim().max(200).optional(),
    /** An open password for the file (full-ID files going upward); told to the recipient separately. */
    password: z.string().min(8, '打开密码至少 8 位').max(255).optional(),
  })
  .strict();

export const exportApi = {
  'export:options': method<ExportOptionsDto>()(z.object({}).strict()),
  'export:preview': method<ExportPreview>()(z.object(Scope).strict()),
  /** Starts the export job; null when the user closed the save dialog. */
  'export:run': method<{ jobId: string; path: string } | null>()(ExportRunArgs),
  'export:cancel': method<boolean>()(z.object({ jobId: z.string().max(100) }).strict()),
  'export:showInFolder': method<null>()(z.object({ path: FilePath }).strict()),
};
