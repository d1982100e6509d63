/**
 * 导出表格: an on-screen table (an analysis table) written in the forms' layout — title, the
 * region/year/filter line, header, the rows exactly as the window shows them, data note and
 * signatures. The numbers are the window's, which come from the same `stats` sums; nothing is
 * recomputed here, so the file cannot disagree with what the steward looked at.
 */
import { renameSync, rmSync } from 'node:fs';
import type { z } from 'zod';
import type { ExportTableArgs } from '../../shared/api/export-list.ts';
import type { Db } from '../db/types.ts';
import { FormSheet, openFormWorkbook, readSignatures, type FormColumn } from './layout.ts';
import { formMarks } from './marks.ts';

const WIDTH: Record<FormColumn['kind'], number> = { seq: 6, text: 16, id: 20, money: 12, percent: 9, count: 10 };

export async function writeTable(db: Db, outPath: string, t: z.output<typeof ExportTableArgs>, date = new Date()): Promise<{ path: string; rows: number }> {
  const part = `${outPath}.part`;
  try {
    rmSync(part, { force: true });
    const book = openFormWorkbook(part, formMarks(db));
    const columns = t.columns.map((c): FormColumn => ({ header: c.label, kind: c.kind, width: Math.max(WIDTH[c.kind], Math.min(30, c.label.length * 2 + 2)) }));
    const sheet = new FormSheet(book, columns, {
      title: t.title, filterLine: t.filterLine, signatures: readSignatures(db), date, frozenColumns: 1, sheetName: t.title.replace(/[[\]:*?/\\]/g, '_').slice(0, 31),
    });
    for (const r of t.rows) sheet.addRow(r);
    sheet.finish();
    await book.commit();
    renameSync(part, outPath);
    return { path: outPath, rows: t.rows.length };
  } catch (e) {
    rmSync(part, { force: true });
    throw e;
  }
}
