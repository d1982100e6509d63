/**
 * Workbooks for the crash and hostile-input tests, written with exceljs's streaming writer (the
 * merged-cell fixtures of the import tests take minutes at this size): a plain member-level
 * township sheet, one row per member, household columns repeated, incomes on the head's row.
 */
import ExcelJS from 'exceljs';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';

const HEADERS = ['序号', '行政村', '户编号', '户主姓名', '姓名', '身份证号码', '与户主关系', '家庭人口数',
  '工资性收入', '生产经营性收入', '生产经营性支出', '财产性收入', '转移性收入'];
const NAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗';
const GIVEN = '建国志强秀英桂兰玉梅春花明亮文华小军海燕丽娟德胜永福';

function personName(i: number): string {
  return NAMES[i % NAMES.length]! + GIVEN[(i * 7) % GIVEN.length]! + GIVEN[(i * 3 + 1) % GIVEN.length]!;
}

export interface WorkbookVariant {
  /** First 10 characters of the 16-character household codes (distinct per file to import both). */
  codePrefix?: string;
  /** ID address code; the demo uses its counties' codes, so 620402 never collides with it. */
  addressCode?: string;
  /** The first household head's name as written in the cells (e.g. with invisible characters). */
  firstHeadName?: string;
}

/** `households` households of 1–6 members in 郭城驿镇, IDs from address code 620402 (not used by the demo). */
export async function writeTownshipWorkbook(path: string, households: number, v: WorkbookVariant = {}): Promise<{ households: number; members: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const ws = wb.addWorksheet('郭城驿镇');
  ws.addRow(['会宁县郭城驿镇2024年度脱贫人口收入台账']).commit();
  ws.addRow(HEADERS).commit();
  let seq = 0;
  let members = 0;
  for (let h = 0; h < households; h++) {
    const size = 1 + (h % 6);
    const code = `${v.codePrefix ?? '6204221019'}${String(h + 1).padStart(6, '0')}`;
    const head = h === 0 && v.firstHeadName !== undefined ? v.firstHeadName : personName(seq + 1);
    const village = ['中大村', '郭城村', '驿马村'][h % 3]!;
    for (let k = 0; k < size; k++) {
      seq++;
      const birth = `${k === 0 ? 1950 + (h % 40) : 1980 + ((h + k) % 40)}${String(1 + (seq % 12)).padStart(2, '0')}${String(1 + (seq % 28)).padStart(2, '0')}`;
      const id = makeIdNumber(v.addressCode ?? '620402', birth, seq % 1000);
      const income = k === 0 ? [8000 + h, 6000 + (h % 7) * 100, 1500, 200, 1200.25] : ['', '', '', '', ''];
      ws.addRow([h + 1, village, code, head, k === 0 ? head : personName(seq), id, k === 0 ? '户主' : '子女', size, ...income]).commit();
      members++;
    }
  }
  ws.commit();
  await wb.commit();
  return { households, members };
}
