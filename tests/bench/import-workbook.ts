/**
 * The benchmark's input: the whole city as one member-level workbook, written the way a county
 * would export it (exceljs streaming writer with shared strings, a title line, household cells
 * merged down over member rows). Cached in the temp folder by row count.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { checkDigit } from '../../shared/domain/id-number.ts';
import { COUNTIES, TOWNSHIPS } from '../../shared/domain/regions.ts';
import { columnLetters } from '../../electron/import/xlsx/xml.ts';

const HEADERS = ['序号', '县', '乡镇', '行政村', '户编号', '户主姓名', '家庭人口数', '工资性收入', '生产经营性收入', '生产经营性支出', '财产性收入', '转移性收入',
  '家庭纯收入', '人均纯收入', '年度', '姓名', '证件号码', '与户主关系', '劳动技能', '务工区域'];
/** Household columns (1-based) merged down over the member rows. */
const MERGED = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const SIZES = [4, 5, 3, 4, 6, 2, 4, 5, 1, 7, 4, 5];
const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '建国志强秀英桂兰玉梅春花明亮文华小军海燕丽娟德胜永福红霞金凤晓东俊杰天佑振华淑珍兴旺学成家宝翠萍宏伟子涵雨轩思远';

function idFor(county: string, k: number): string {
  // Unique per k: 1,000 sequence numbers per birth day, days counted from 1950-01-01.
  const d = new Date(Date.UTC(1950, 0, 1) + Math.floor(k / 1000) * 86_400_000);
  const first17 = `${county}${d.toISOString().slice(0, 10).replace(/-/g, '')}${String(k % 1000).padStart(3, '0')}`;
  return first17 + checkDigit(first17);
}

function name(k: number): string {
  return SURNAMES[k % SURNAMES.length]! + GIVEN[(k * 7) % GIVEN.length]! + (k % 3 ? GIVEN[(k * 13 + 5) % GIVEN.length]! : '');
}

export interface BenchWorkbook {
  path: string;
  rows: number;
  households: number;
}

export async function cityWorkbook(targetRows: number): Promise<BenchWorkbook> {
  const dir = join(tmpdir(), 'income-ledger-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `import-city-${targetRows}-v1.xlsx`);
  const townships = TOWNSHIPS.filter((t) => COUNTIES.some((c) => c.code === t.parent));
  let rows = 0;
  let households = 0;
  for (let k = 0; rows < targetRows; k++) {
    rows += Math.min(SIZES[k % SIZES.length]!, targetRows - rows);
    households++;
  }
  if (existsSync(path)) return { path, rows, households };
  const partial = `${path}.partial.xlsx`;
  rmSync(partial, { force: true });
  const t = Date.now();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: partial, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('全市');
  ws.addRow(['白银市2024年度脱贫人口收入台账（全市）']).commit();
  ws.addRow(HEADERS).commit();
  const merges = (ws as unknown as { _merges: string[] })._merges;
  let r = 2;
  let person = 0;
  let written = 0;
  for (let h = 0; written < targetRows; h++) {
    const size = Math.min(SIZES[h % SIZES.length]!, targetRows - written);
    const t9 = townships[h % townships.length]!;
    const county = COUNTIES.find((c) => c.code === t9.parent)!;
    const wage = 6000 + (h % 50) * 137.5;
    const parts = [wage, 3000 + (h % 17) * 100, 800, 100 + (h % 7) * 10, 1200 + (h % 11) * 50];
    const net = parts[0]! + parts[1]! - parts[2]! + parts[3]! + parts[4]!;
    const first = r + 1;
    const pending: ExcelJS.Row[] = [];
    for (let m = 0; m < size; m++, person++) {
      const hh = m === 0 ? [h + 1, county.name, t9.name, `${SURNAMES[h % 40]}家${1 + (h % 12)}村`, `${t9.code}${String(h).padStart(7, '0')}`, name(person),
        size, ...parts, net, Math.round((net / size) * 100) / 100, 2024] : Array(15).fill(null);
      pending.push(ws.addRow([...hh, name(person), idFor(county.code, person), m === 0 ? '户主' : m === 1 ? '配偶' : '之子', m < 2 ? '普通劳动力' : '无劳动力', m === 0 ? '省外' : '']));
      r++;
    }
    // exceljs's mergeCells checks every earlier range (quadratic: hours for 1.3M ranges), so the
    // ranges go straight into the list its writer serialises; the covered cells are already empty.
    if (size > 1) for (const c of MERGED) merges.push(`${columnLetters(c)}${first}:${columnLetters(c)}${r}`);
    for (const row of pending) row.commit();
    written += size;
  }
  ws.commit();
  await wb.commit();
  renameSync(partial, path);
  process.stdout.write(`生成基准工作簿：${rows} 行 / ${households} 户，${((Date.now() - t) / 1000).toFixed(1)} s → ${path}\n`);
  return { path, rows, households };
}
