/**
 * Cell values through the SheetJS path, as the .xlsx reader gives them: dates in the 1900 and 1904
 * systems, an ID stored as text, a formula's cached result, an uncomputed formula, an error, and
 * sheet names with the hidden flag.
 */
import { writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSource } from '../../../electron/import/formats/source.ts';
import type { SheetRow } from '../../../electron/import/xlsx/sheet-stream.ts';

let tmp: TempDir;
beforeAll(() => (tmp = tempDir('formats-cells-')));
afterAll(() => tmp.remove());

function book(date1904: boolean): XLSX.WorkBook {
  const ws: XLSX.WorkSheet = {
    '!ref': 'A1:F1',
    A1: { t: 'n', v: date1904 ? 45292 - 1462 : 45292, z: 'yyyy-mm-dd' },
    B1: { t: 's', v: '620422198001010013' },
    C1: { t: 'n', v: 12345.5, f: 'A2*2' },
    D1: { t: 's', v: '00123' },
    E1: { t: 'e', v: 0x2a, w: '#N/A' },
    F1: { t: 'n', v: 8000 },
  };
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '郭城驿镇');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x']]), '隐藏表');
  wb.Workbook = { WBProps: { date1904 }, Sheets: [{ Hidden: 0 }, { Hidden: 1 }] };
  return wb;
}

async function firstRow(path: string): Promise<{ row: SheetRow; sheets: [string, boolean][] }> {
  const src = await openSource(path);
  const rows: SheetRow[] = [];
  for await (const b of src.sheets[0]!.rows()) rows.push(...b);
  return { row: rows[0]!, sheets: src.sheets.map((s) => [s.name, s.hidden]) };
}

describe('cell values through SheetJS', () => {
  it.each([
    ['xls', 'biff8', false],
    ['xls', 'biff8', true],
    ['xlsb', 'xlsb', false],
    ['ods', 'ods', false],
  ] as const)('%s (%s, 1904: %s)', async (ext, bookType, date1904) => {
    const path = tmp.path(`cells-${bookType}-${date1904}.${ext}`);
    writeFileSync(path, XLSX.write(book(date1904), { type: 'buffer', bookType }) as Buffer);
    const { row, sheets } = await firstRow(path);
    expect(row.n).toBe(1);
    expect(row.cells[0]).toMatchObject({ k: 'date', v: '2024-01-01' });
    expect(row.cells[1]).toBe('620422198001010013');
    expect(row.cells[2]).toBe(12345.5);
    expect(row.cells[3]).toBe('00123');
    // SheetJS's .ods writer leaves error cells out; the reader is checked on the other three.
    if (bookType !== 'ods') expect(row.cells[4]).toEqual({ k: 'error', v: '#N/A' });
    expect(row.cells[5]).toBe(8000);
    expect(sheets[0]).toEqual(['郭城驿镇', false]);
    if (bookType !== 'ods') expect(sheets[1]).toEqual(['隐藏表', true]);
  });
});
