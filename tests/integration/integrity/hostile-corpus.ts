/**
 * The hostile-input corpus, generated (never checked in): damaged copies of a valid workbook, zip
 * bombs by declared and by real size, a huge shared-strings part, deep and malformed XML, a million
 * empty rows, CSV in encodings a township would not use, and files that are not spreadsheets.
 */
import iconv from 'iconv-lite';
import { readFileSync, writeFileSync } from 'node:fs';
import { buildZip, EMPTY_SST, SHEET_CLOSE, SHEET_OPEN, xlsx } from './zip-builder.ts';
import { writeTownshipWorkbook } from './workbooks.ts';
import { rng } from '../../../electron/demo/random.ts';

export interface HostileCase {
  name: string;
  path: string;
}

/** Byte ranges of the compressed data of each part, read from the central directory. */
function partRanges(zip: Buffer): Map<string, [number, number]> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, [number, number]>();
  for (let i = 0; i < count; i++) {
    const nameLen = zip.readUInt16LE(p + 28);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLen);
    const local = zip.readUInt32LE(p + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    out.set(name, [start, start + zip.readUInt32LE(p + 20)]);
    p += 46 + nameLen + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }
  return out;
}

function* repeat(piece: string, totalBytes: number): Iterable<Buffer> {
  const chunk = Buffer.from(piece.repeat(Math.max(1, Math.floor((1 << 20) / Buffer.byteLength(piece)))));
  for (let done = 0; done < totalBytes; done += chunk.length) yield chunk;
}

function* lines(head: string, count: number, line: (i: number) => string, tail: string): Iterable<Buffer> {
  yield Buffer.from(head);
  let batch: string[] = [];
  for (let i = 1; i <= count; i++) {
    batch.push(line(i));
    if (batch.length === 10_000) {
      yield Buffer.from(batch.join(''));
      batch = [];
    }
  }
  yield Buffer.from(batch.join('') + tail);
}

const HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>户主姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号码</t></is></c><c r="C1" t="inlineStr"><is><t>家庭人口数</t></is></c></row>';
const SST_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
const MB = 1024 * 1024;

export async function buildCorpus(dir: string, seed: number): Promise<HostileCase[]> {
  const cases: HostileCase[] = [];
  const add = (name: string, file: string, data: Buffer | string): void => {
    const path = `${dir}/${file}`;
    writeFileSync(path, data);
    cases.push({ name, path });
  };
  const random = rng(seed);
  const validPath = `${dir}/valid-郭城驿镇.xlsx`;
  await writeTownshipWorkbook(validPath, 40);
  const valid = readFileSync(validPath);
  const ranges = partRanges(valid);

  // Random byte flips inside the data of the parts that hold the ledger (CRC-32 protects them).
  for (const part of ['xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml']) {
    const [start, end] = ranges.get(part) ?? [0, 0];
    for (const flips of [1, 3, 10]) {
      const b = Buffer.from(valid);
      for (let k = 0; k < flips; k++) {
        const at = start + Math.floor(random() * (end - start));
        b[at] = (b[at] ?? 0) ^ (1 + Math.floor(random() * 255));
      }
      add(`${flips} byte flip(s) in ${part}`, `flip-${part.split('/').pop()}-${flips}.xlsx`, b);
    }
  }
  // Flips anywhere (directory and headers included).
  for (const flips of [2, 20, 200]) {
    const b = Buffer.from(valid);
    for (let k = 0; k < flips; k++) {
      const at = Math.floor(random() * b.length);
      b[at] = (b[at] ?? 0) ^ 0xff;
    }
    add(`${flips} byte flips anywhere`, `flip-any-${flips}.xlsx`, b);
  }
  for (const f of [0.05, 0.3, 0.6, 0.9, 0.999]) add(`truncated to ${f * 100}%`, `truncated-${f}.xlsx`, valid.subarray(0, Math.floor(valid.length * f)));

  // Zip bombs.
  add('bomb: a part declaring 4 GB', 'bomb-declared.xlsx', await xlsx({ data: SHEET_OPEN + HEADER_ROW + SHEET_CLOSE, declaredSize: 0xfff00000 }));
  add('bomb: 200 MB of rows behind 0.2 MB, declared honestly', 'bomb-ratio.xlsx', await xlsx({ data: () => repeat('<row><c><v>0</v></c></row>', 200 * MB) }));
  add('bomb: 200 MB inflating behind a 40 KB declaration', 'bomb-real-size.xlsx', await xlsx({ data: () => repeat('<row><c><v>0</v></c></row>', 200 * MB), declaredSize: 40_000 }));
  add('huge shared strings: 120 MB, declared honestly', 'sst-huge.xlsx', await xlsx({ data: SHEET_OPEN + HEADER_ROW + SHEET_CLOSE }, { data: () => [Buffer.from(SST_HEAD), ...repeat('<si><t>中大村第一村民小组</t></si>', 120 * MB)] }));
  add('huge shared strings: 120 MB declared as 1 MB', 'sst-lying.xlsx', await xlsx({ data: SHEET_OPEN + HEADER_ROW + SHEET_CLOSE }, { data: () => [Buffer.from(SST_HEAD), ...repeat('<si><t>中大村第一村民小组</t></si>', 120 * MB)], declaredSize: MB }));

  // XML that is deep, malformed or an entity bomb.
  add('200,000-deep nested elements', 'deep.xlsx', await xlsx({ data: () => [Buffer.from(SHEET_OPEN + HEADER_ROW + '<row r="2">'), ...repeat('<x>', 600_000), ...repeat('</x>', 800_000), Buffer.from('</row>' + SHEET_CLOSE)] }));
  add('unterminated sheet XML', 'malformed-sheet.xlsx', await xlsx({ data: SHEET_OPEN + HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>张三' }));
  add('garbage instead of shared strings', 'malformed-sst.xlsx', await xlsx({ data: SHEET_OPEN + '<row r="1"><c r="A1" t="s"><v>999999</v></c></row>' + SHEET_CLOSE }, { data: '<sst><si><t>未闭合' }));
  add('billion-laughs entity bomb in shared strings', 'entity-bomb.xlsx', await xlsx({ data: SHEET_OPEN + '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' + SHEET_CLOSE }, {
    data: `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>`,
  }));
  add('1,000,000 empty rows', 'empty-rows.xlsx', await xlsx({ data: () => lines(SHEET_OPEN + HEADER_ROW, 1_000_000, (i) => `<row r="${i + 1}"/>`, SHEET_CLOSE) }, { data: EMPTY_SST }));

  // CSV in encodings a township would not use, and files that are not spreadsheets at all.
  const csv = '户主姓名,身份证号码,家庭人口数,工资性收入\n张三,620422198001011234,4,12000\n';
  add('CSV in UTF-16LE', 'utf16.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(csv, 'utf16le')]));
  add('CSV in Big5', 'big5.csv', iconv.encode(csv, 'big5'));
  add('CSV in Shift_JIS', 'sjis.csv', iconv.encode(csv.replace(/户主姓名/g, '世帯主').replace(/家庭人口数/, '人数'), 'shift_jis'));
  add('empty file', 'empty.xlsx', Buffer.alloc(0));
  add('legacy .xls (OLE) renamed', 'legacy.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]));
  add('PNG renamed', 'picture.xlsx', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(1024, 7)]));
  add('random bytes', 'noise.xlsx', Buffer.from(Array.from({ length: 8192 }, () => Math.floor(random() * 256))));
  add('zip without a workbook', 'no-workbook.xlsx', await buildZip([{ name: 'readme.txt', data: '不是工作簿' }]));
  return cases;
}
