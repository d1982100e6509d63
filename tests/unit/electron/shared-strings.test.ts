/**
 * Shared strings are stored as bytes (packed-strings.ts): the plain form of an entry is copied as it
 * is, anything else goes through richText. Each kind must come back as the text Excel shows, read
 * through the real reader from a hand-written part, including a part large enough to arrive in many
 * chunks with entries cut at chunk boundaries.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSource } from '../../../electron/import/formats/source.ts';
import { PackedStrings } from '../../../electron/import/xlsx/packed-strings.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { SHEET_CLOSE, SHEET_OPEN, xlsx } from '../../integration/integrity/zip-builder.ts';

let tmp: TempDir;
beforeAll(() => {
  tmp = tempDir('shared-strings-');
});
afterAll(() => tmp.remove());

const SST_OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';

/** A one-column sheet whose row i shows shared string i. */
async function readColumn(entries: string[]): Promise<unknown[]> {
  const rows = entries.map((_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`).join('');
  const file = tmp.path(`s${entries.length}.xlsx`);
  writeFileSync(file, await xlsx({ data: SHEET_OPEN + rows + SHEET_CLOSE }, { data: `${SST_OPEN}${entries.join('')}</sst>` }));
  const src = await openSource(file);
  const out: unknown[] = [];
  for await (const batch of src.sheets[0]!.rows()) for (const r of batch) out.push(r.cells[0]);
  return out;
}

describe('shared strings', () => {
  it('reads plain, escaped, rich, phonetic and empty entries as Excel shows them', async () => {
    const values = await readColumn([
      '<si><t>郭城驿镇</t></si>',
      '<si><t>620422198001010015</t></si>',
      '<si><t>A &amp; B &lt;1&gt;</t></si>',
      '<si><t xml:space="preserve"> 前后空格 </t></si>',
      '<si><r><rPr><b/></rPr><t>张</t></r><r><t>三</t></r></si>',
      '<si><t>王五</t><rPh sb="0" eb="1"><t>ワン</t></rPh></si>',
      '<si><t>第一行_x000D_第二行</t></si>',
      '<si/>',
      '<si><t></t></si>',
      '<si><t>&#x4E2D;&#22823;村</t></si>',
      '<si><t>under_score x_y</t></si>',
    ]);
    expect(values).toEqual(['郭城驿镇', '620422198001010015', 'A & B <1>', ' 前后空格 ', '张三', '王五', '第一行\r第二行', '', '', '中大村', 'under_score x_y']);
  });

  it('keeps every entry of a part that arrives in many chunks', async () => {
    const entries = Array.from({ length: 40_000 }, (_, i) => (i % 97 === 0 ? `<si><r><t>富</t></r><r><t>文本${i}</t></r></si>` : `<si><t>村民${i}号中文名字</t></si>`));
    const values = await readColumn(entries);
    expect(values).toHaveLength(40_000);
    expect(values.every((v, i) => v === (i % 97 === 0 ? `富文本${i}` : `村民${i}号中文名字`))).toBe(true);
  });

  it('PackedStrings grows, compacts and refuses indexes outside the table', () => {
    const p = new PackedStrings();
    for (let i = 0; i < 10_000; i++) p.pushString(`名${i}`);
    p.pushBytes(Buffer.from('xx中文yy'), 2, 8);
    p.compact();
    expect(p.length).toBe(10_001);
    expect([p.get(0), p.get(9_999), p.get(10_000)]).toEqual(['名0', '名9999', '中文']);
    expect([p.get(-1), p.get(10_001), p.get(1.5)]).toEqual([undefined, undefined, undefined]);
  });

  it('PackedStrings gives the right text when indexes share a slot of its decoded-string cache', () => {
    const p = new PackedStrings();
    for (let i = 0; i < 20_000; i++) p.pushString(`户${i}`);
    // 5, 4101, 8197, … share one slot of the 4,096-slot cache; alternate them and repeat.
    const order = [5, 4101, 5, 5, 8197, 4101, 12293, 5, 19_995, 19_995, 0, 4096];
    expect(order.map((i) => p.get(i))).toEqual(order.map((i) => `户${i}`));
    let wrong = 0;
    for (let k = 0; k < 50_000; k++) {
      const i = (k * 7919) % 20_000;
      if (p.get(i) !== `户${i}`) wrong++;
    }
    expect(wrong).toBe(0);
  });
});
