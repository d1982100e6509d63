/**
 * Writes one form to a file. The form is written to `<out>.part` and renamed at the end, so a
 * cancelled or failed export never leaves a half-written workbook under the name the user chose.
 * Reads go through a read-only connection of their own inside one read transaction: the figures
 * come from a single snapshot even if an import commits meanwhile, and the app's main connection
 * stays free while a 37万-row ledger streams out.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { openDatabase } from '../db/connection.ts';
import type { Db } from '../db/types.ts';
import { resolveScope, resolveYear, type ExportOptions, type FormContext, type FormKind, type FormOutcome, type FormWriter } from './form.ts';
import { writeIncomeSummary } from './income-summary.ts';
import { openFormWorkbook, readSignatures } from './layout.ts';
import { formMarks } from './marks.ts';
import { writeLedger } from './ledger.ts';
import { plansUnavailableReason, writePlans } from './plans.ts';
import { writeTwoGroups } from './two-groups.ts';
import { writeMatrixForm } from './matrix-form.ts';
import { writeIncomeBands } from './income-bands.ts';
import { writeEmployment } from './employment.ts';
import { writeMonitoring } from './monitoring-form.ts';
import { writeHalfYear } from './half-year.ts';
import { defaultLeaf } from './region-blocks.ts';

const WRITERS: Readonly<Record<Exclude<FormKind, 'matrix'>, FormWriter>> = {
  'income-summary': writeIncomeSummary,
  'two-groups': writeTwoGroups,
  plans: writePlans,
  ledger: writeLedger,
  'income-bands': writeIncomeBands,
  employment: writeEmployment,
  monitoring: writeMonitoring,
  'half-year': writeHalfYear,
};

export interface RunHooks {
  signal?: AbortSignal | undefined;
  progress?: (step: string, current: number, total: number | null) => void;
  date?: Date;
  /** Data rows to write at most (the preview). */
  limit?: number;
  /** Runs after the file is complete and before it gets its final name (the full-ID audit entry). */
  beforeCommit?: (o: FormOutcome) => void;
}

export interface ExportOutcome extends FormOutcome {
  form: FormKind;
  path: string;
  year: number;
  scopeLabel: string;
  bytes: number;
}

/** Refuses a form that cannot be produced from this database yet, with the reason in Chinese. */
export function formUnavailableReason(db: Db, form: FormKind): string | null {
  if (form === 'plans') return plansUnavailableReason(db);
  return null;
}

export function checkTarget(outPath: string): void {
  if (!/\.xlsx$/i.test(outPath)) throw new AppError('validation', `导出文件名应以 .xlsx 结尾：${outPath}`);
  if (!existsSync(dirname(outPath))) throw new AppError('validation', `导出目录不存在：${dirname(outPath)}`);
}

/** Opens the read connection; a database path that is already a read handle (tests) is used as is. */
function readConnection(source: Db | string): { db: Db; close: () => void } {
  if (typeof source !== 'string') return { db: source, close: () => undefined };
  const db = openDatabase(source, { readonly: true, mustExist: true });
  return { db, close: () => db.close() };
}

/** What the form writer produced in `<out>.part`, before it gets its final name. */
export interface PartOutcome extends FormOutcome {
  year: number;
  scopeLabel: string;
}

/** Writes the form into `part`; the caller gives it its final name (finishExport). Removes the part on failure. */
export async function writeFormPart(source: Db | string, form: FormKind, part: string, opts: ExportOptions, hooks: RunHooks = {}): Promise<PartOutcome> {
  const { db, close } = readConnection(source);
  try {
    const unavailable = formUnavailableReason(db, form);
    if (unavailable) throw new AppError('not-available', unavailable);
    const scope = resolveScope(db, opts.county, opts.township);
    const year = resolveYear(db, opts.year);
    rmSync(part, { force: true });
    db.prepare('BEGIN').run();
    try {
      if (form === 'matrix') return { ...(await writeMatrixForm(db, part, { year, scope })), year, scopeLabel: scope.label };
      const f: FormContext = {
        db, scope, year, showIds: opts.showIds === true, signatures: readSignatures(db), date: hooks.date ?? new Date(),
        signal: hooks.signal, limit: hooks.limit ?? Infinity, progress: hooks.progress ?? (() => undefined),
        by: opts.by ?? defaultLeaf(scope), period: opts.period ?? 'year',
      };
      const book = openFormWorkbook(part, formMarks(db));
      const outcome = await WRITERS[form](book, f);
      await book.commit();
      if (hooks.signal?.aborted) throw new AppError('cancelled', '导出已取消');
      return { ...outcome, year, scopeLabel: scope.label };
    } finally {
      if (db.inTransaction) db.prepare('COMMIT').run();
    }
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  } finally {
    close();
  }
}

/** Runs the before-commit hook (the full-ID audit entry), then gives the part its final name. */
export function finishExport(form: FormKind, part: string, outPath: string, o: PartOutcome, beforeCommit?: (o: FormOutcome) => void): ExportOutcome {
  try {
    beforeCommit?.(o);
    renameSync(part, outPath);
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
  return { ...o, form, path: outPath, bytes: statSync(outPath).size };
}

/** The whole export in this thread (CLI, preview, tests); the app's job runs it in a worker (worker-run.ts). */
export async function runExport(source: Db | string, form: FormKind, outPath: string, opts: ExportOptions, hooks: RunHooks = {}): Promise<ExportOutcome> {
  checkTarget(outPath);
  const part = `${outPath}.part`;
  const o = await writeFormPart(source, form, part, opts, hooks);
  return finishExport(form, part, outPath, o, hooks.beforeCommit);
}
