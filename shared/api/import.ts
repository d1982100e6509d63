import { z } from 'zod';
import { method } from './define.ts';
import { FilePath, Id, ShortText, Year } from './common.ts';
import type { ErrorDto } from '../errors.ts';
import { FIELD_KEYS, type FieldKey } from '../domain/import-headers.ts';
import type { HeaderSuggestion } from '../domain/import-suggest.ts';
import type { TotalKind, TotalSample } from '../domain/import-consistency.ts';

/** One refused row or one warning: the Excel row number and the header as the file wrote it. */
export interface ImportIssue {
  sheet: string;
  row: number;
  column: string;
  code: string;
  message: string;
}

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
  refused: number;
}

/** Members also count those removed because a complete roster in the file no longer lists them. */
export interface MemberCounts extends ImportCounts {
  removed: number;
}

export interface ImportColumn {
  index: number;
  /** Column letter (A, B, …). */
  letter: string;
  header: string;
  field: FieldKey | null;
  auto: FieldKey | null;
  /** A 建议 for a header no catalogue name matched; shown, never applied until the user picks it. */
  suggestion: HeaderSuggestion | null;
}

/** A column the mapping leaves out, with the first non-empty value, so a dropped income column is visible. */
export interface UnmappedColumn {
  sheet: string;
  /** Column letter. */
  column: string;
  header: string;
  sample: string | null;
  /** Most non-empty values are numbers. */
  looksNumeric: boolean;
  suggestion: HeaderSuggestion | null;
}

export interface SheetPreview {
  name: string;
  /** Null when the sheet was skipped (see `skipped`). */
  headerRows: [number, number] | null;
  level: 'member' | 'household' | null;
  columns: ImportColumn[];
  dataRows: number;
  skipped: string | null;
  /** Filled when the sheet has been read to its end. */
  unmappedColumns: UnmappedColumn[];
  /** How the sheet was read when not one row per person or household (wide household rows), in words. */
  layoutNote: string | null;
}

/** One of the file's own totals against what the mapping produces (import-consistency.ts). */
export interface ConsistencyCheck {
  kind: TotalKind;
  label: string;
  /** Households where both figures were there to compare. */
  compared: number;
  mismatched: number;
  /** The first few disagreeing rows with both figures. */
  samples: TotalSample[];
  /** Which figure the ledger keeps, in words. */
  rule: string;
  /** Disagreement on more than a small share of rows: a mapping problem, the file stops. */
  tripped: boolean;
}

export interface ConsistencyReport {
  /** Every kind the file could be checked on (compared > 0). */
  checks: ConsistencyCheck[];
  /** Unmapped amount columns that could explain a tripped income total. */
  explainedBy: Array<{ sheet: string; column: string; header: string }>;
  /** The file-level message when a check tripped, else null. */
  message: string | null;
  /** The user accepted the disagreement (acceptMismatch): the file imports, the acceptance is recorded. */
  accepted: boolean;
  /** A check tripped and was not accepted: a commit stops (a preview says it would) before writing anything. */
  blocked: boolean;
}

/** One field an import changes in place (or a member it removes): old → new, as the user reads them. */
export interface ImportChange {
  householdCode: string;
  headName: string;
  /** The member's name and masked ID number; null for a household or income field. */
  member: string | null;
  /** The field's Chinese name (income fields with their year). */
  field: string;
  old: string | null;
  new: string | null;
}

export interface FileReport {
  file: string;
  path: string;
  /** Null on a preview/dry run, when nothing changed, or when the file was refused. */
  batchId: number | null;
  dryRun: boolean;
  county: string | null;
  township: string | null;
  countyCode: string | null;
  townshipCode: string | null;
  year: number | null;
  households: ImportCounts;
  members: MemberCounts;
  errors: ImportIssue[];
  warnings: ImportIssue[];
  /** Exact totals; the lists above are capped. */
  errorCount: number;
  warningCount: number;
  sheets: SheetPreview[];
  /** Every sheet's unmapped columns, in sheet order. */
  unmappedColumns: UnmappedColumn[];
  sha256: string;
  /** An earlier committed batch of the very same file, if any. */
  sameAsBatch: number | null;
  rowsRead: number;
  millis: number;
  /**
   * Blank cells over values the ledger already holds: kept (the default — a blank means "not
   * reported") or cleared (only with the clearBlanks option).
   */
  blanks: { kept: number; cleared: number };
  /** The file's own totals against the mapping: the gate, and the per-kind counts of figures not stored as written. */
  consistency: ConsistencyReport;
  /** What the import changes in place, grouped by household: the first LIMITS.maxReportedChanges of them. */
  changes: ImportChange[];
  /** Exact number of changes (the list above is bounded). */
  changeCount: number;
}

export interface FileFailure {
  file: string;
  path: string;
  error: ErrorDto;
}

export type FileOutcome = FileReport | FileFailure;

export function isFileFailure(o: FileOutcome): o is FileFailure {
  return 'error' in o;
}

export interface ImportBatch {
  id: number;
  fileName: string;
  sha256: string;
  county: string | null;
  township: string | null;
  year: number | null;
  households: ImportCounts;
  members: ImportCounts;
  errorCount: number;
  warningCount: number;
  status: 'committed' | 'undone';
  operator: string;
  createdAt: string;
  undoneAt: string | null;
  /** The file-level message of totals the user accepted as disagreeing, or null. */
  acceptedMismatch: string | null;
}

export interface UndoResult {
  batchId: number;
  householdsRemoved: number;
  membersRemoved: number;
  incomeRemoved: number;
  valuesRestored: number;
  /** Members the batch had removed from a household (its file was the complete roster), inserted again. */
  membersRestored: number;
}

export const ImportFieldKey = z.enum(FIELD_KEYS);
/** Header as written (normalised) → field, or null to ignore the column. */
export const MappingOverrides = z.record(z.string().max(200), ImportFieldKey.nullable()).refine((m) => Object.keys(m).length <= 300, '映射项过多');

const ImportArgs = z
  .object({
    paths: z.array(FilePath).min(1).max(50),
    year: Year.optional(),
    mapping: MappingOverrides.optional(),
    /** Blank cells erase the ledger's values (off by default: a blank means "not reported"). */
    clearBlanks: z.boolean().optional(),
    /** Import even though the file's totals disagree with the mapping on many rows (recorded in the batch and audit). */
    acceptMismatch: z.boolean().optional(),
  })
  .strict();

export interface ImportJobStarted {
  jobId: string;
}

export interface FieldOption {
  key: FieldKey;
  header: string;
  level: string;
}

export const importApi = {
  /** Reads, checks and compares every file without writing; runs as a job (progress, cancel). Result: FileOutcome[]. */
  'import:preview': method<ImportJobStarted>()(ImportArgs),
  /** Imports each file in its own transaction; a file with refused households still imports the rest. Result: FileOutcome[]. */
  'import:commit': method<ImportJobStarted>()(ImportArgs, {
    writes: 'job', audit: ['import:commit', 'import:accept-mismatch', 'import:update', 'import:remove', 'import:region', 'import:revert', 'import:revert-household'],
  }),
  /** Waits for a job started above and returns its outcomes (the CLI and tests use this; the UI listens to job:done). */
  'import:result': method<FileOutcome[]>()(z.object({ jobId: z.string().max(100) }).strict()),
  'import:cancel': method<{ cancelled: boolean }>()(z.object({ jobId: z.string().max(100) }).strict()),
  'import:batches': method<ImportBatch[]>()(z.object({ limit: z.number().int().min(1).max(10_000).default(500) }).strict()),
  /** The changes a committed batch made, old → new (from its audit entries), and their total. */
  'import:batchChanges': method<{ changes: ImportChange[]; total: number }>()(z.object({ batchId: Id, limit: z.number().int().min(1).max(100_000).default(2_000) }).strict()),
  'import:batchIssues': method<{ errors: ImportIssue[]; warnings: ImportIssue[] }>()(z.object({ batchId: Id }).strict()),
  'import:undo': method<UndoResult>()(z.object({ batchId: Id }).strict(), { writes: 'job', audit: ['import:undo', 'import:undo-batch'] }),
  /** Saves the column mapping for a township (or as the default when township is omitted). */
  'import:saveTemplate': method<{ key: string }>()(
    z.object({ township: z.string().regex(/^\d{9}$/).optional(), mapping: MappingOverrides }).strict(),
    { writes: 'tx', audit: ['import:template'] },
  ),
  'import:templates': method<Array<{ key: string; township: string | null; mapping: Record<string, FieldKey | null> }>>()(z.object({}).strict()),
  /**
   * Writes the township's error workbook for one file; `out` is asked for with a dialog when omitted.
   * ID numbers are masked unless `fullIds` with a reason (audited as export-full-ids).
   */
  'import:errorWorkbook': method<{ path: string | null; rows: number; fullIds: boolean }>()(
    z.object({
      path: FilePath, out: FilePath.optional(), year: Year.optional(), mapping: MappingOverrides.optional(),
      fullIds: z.boolean().default(false), reason: z.string().trim().max(200).optional(),
    }).strict(),
  ),
  'import:fields': method<FieldOption[]>()(z.object({}).strict()),
  'dialog:openImportFiles': method<string[]>()(z.object({ title: ShortText.optional() }).strict()),
};
