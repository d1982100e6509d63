/**
 * Number cells are read without a substring when they hold 1–15 plain digits (sheet-stream.ts);
 * every other form goes through Number(). Either way a cell must read as Number() of its text, as
 * before the fast path. Read through the real reader from a hand-written sheet.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from '../../../electron/import/formats/source.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { SHEET_CLOSE, SHEET_OPEN, xlsx } from '../../integration/integrity/zip-builder.ts';

let tmp: TempDir;
beforeAll(() => {
  tmp = tempDir('number-cells-');
});
afterAll(() => tmp.remove());

const TEXTS = ['0', '7', '007', '12345', '999999999999999', '123456789012345', '1234567890123456', '12345678901234567890',
  '6137.5', '1959.45', '-12', '+3', '1E+3', '1.5E-2', '.5', '', ' 12 ', '0x10', '1,000', '12a'];

describe('number cells', () => {
  it('read as Number() of their text, with and without t="n", on the fast path and off it', async () => {
    const cell = (text: string, i: number, typed: boolean): string => `<c r="${typed ? 'B' : 'A'}${i + 1}"${typed ? ' t="n"' : ''}><v>${text}</v></c>`;
    const rows = TEXTS.map((t, i) => `<row r="${i + 1}">${cell(t, i, false)}${cell(t, i, true)}</row>`).join('');
    const file = tmp.path('numbers.xlsx');
    writeFileSync(file, await xlsx({ data: SHEET_OPEN + rows + SHEET_CLOSE }));
    const src = await openSource(file);
    const got: unknown[][] = [];
    for await (const batch of src.sheets[0]!.rows()) for (const r of batch) got.push(r.cells);
    const expected = TEXTS.map((t) => [Number(t), Number(t)]);
    expect(got).toEqual(expected);
    // The values the fast path must produce exactly, spelled out.
    expect(got.slice(0, 8).map((c) => c[0])).toEqual([0, 7, 7, 12345, 999999999999999, 123456789012345, 1234567890123456, 12345678901234567000]);
  });
});
