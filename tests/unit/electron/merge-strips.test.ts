/**
 * Merged ranges as the reader applies them: one-column ranges side by side over the same rows (the
 * household cells of a member-level sheet) are stored as one strip, yet each column still fills from
 * its own top cell; rectangles fill from their top-left cell.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from '../../../electron/import/formats/source.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
beforeAll(() => {
  tmp = tempDir('merge-strips-');
});
afterAll(() => tmp.remove());

describe('merged ranges', () => {
  it('fills strips column by column and rectangles from their top-left cell', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['a', 'b', 'c', 'd', 'e', 'f']);
    ws.addRow(['A2', 'B2', 'C2', 'D2', 'E2', 'F2']);
    ws.addRow([null, null, null, null, null, 'F3']);
    ws.addRow([null, null, null, 'D4', 'E4', 'F4']);
    ws.addRow(['A5', 'B5', 'C5', 'D5', null, 'F5']);
    ws.addRow([null, 'B6', 'C6', 'D6', 'E6', 'F6']);
    for (const r of ['A2:A4', 'B2:B4', 'C2:C4', 'D2:E3', 'A5:A6', 'D5:E5']) ws.mergeCells(r);
    const path = tmp.path('m.xlsx');
    await wb.xlsx.writeFile(path);
    const src = await openSource(path);
    const rows: unknown[][] = [];
    for await (const batch of src.sheets[0]!.rows()) for (const r of batch) rows.push(r.cells);
    expect(rows[1]).toEqual(['A2', 'B2', 'C2', 'D2', 'D2', 'F2']);
    expect(rows[2]).toEqual(['A2', 'B2', 'C2', 'D2', 'D2', 'F3']);
    expect(rows[3]).toEqual(['A2', 'B2', 'C2', 'D4', 'E4', 'F4']);
    expect(rows[4]).toEqual(['A5', 'B5', 'C5', 'D5', 'D5', 'F5']);
    expect(rows[5]).toEqual(['A5', 'B6', 'C6', 'D6', 'E6', 'F6']);
  });
});
