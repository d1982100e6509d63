/**
 * The few-row forms written straight from the service (通报, 监测档案, 月报): the target is checked
 * (.xlsx, folder exists, an existing file refused unless `force`), the book is written to
 * `<out>.part` and renamed at the end, so a failure never leaves half a workbook under the chosen
 * name — the same rule as run.ts, without its worker and read snapshot, which forms of a few
 * hundred rows do not need.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { AppError } from '../../shared/errors.ts';
import type { Db } from '../db/types.ts';
import { openFormWorkbook, type FormWorkbook } from './layout.ts';
import { formMarks } from './marks.ts';
import { checkTarget } from './run.ts';

/** `beforeCommit` runs once the book is complete, before it gets its name (the full-ID audit entry). */
export async function writeSmallForm<T>(db: Db, out: string, force: boolean, write: (book: FormWorkbook) => T, beforeCommit?: (result: T) => void): Promise<T> {
  checkTarget(out);
  if (existsSync(out) && !force) throw new AppError('conflict', `文件已存在：${out}（确认覆盖请加 --force）`);
  const part = `${out}.part`;
  rmSync(part, { force: true });
  try {
    const book = openFormWorkbook(part, formMarks(db));
    const result = write(book);
    await book.commit();
    beforeCommit?.(result);
    renameSync(part, out);
    return result;
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
}
