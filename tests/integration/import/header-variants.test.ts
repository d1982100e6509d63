/**
 * Header variants per family of the catalogue (shared/domain/header-catalogue.ts), none of them
 * verbatim there: numbering, units, spaces, 所在/所属 prefixes, 家庭/性/净 shortenings, two header rows
 * and title rows. Each real .xlsx either maps correctly — and commits exactly the file's own totals —
 * or is stopped with the file-level error before anything is written. Never a committed ledger whose
 * figures differ from the file's totals without an explicit acceptance.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSession, type Session } from '../../../electron/services/session.ts';
import type { FileReport } from '../../../shared/api/import.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { importOne, snapshot } from './helpers.ts';

let tmp: TempDir;
let s: Session;
beforeEach(() => {
  tmp = tempDir('import-variants-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

/** Four households: [code, head, id, size, wage, business net, property, transfer] in yuan. */
const HH = Array.from({ length: 4 }, (_, i) => ({
  code: `62042210100100${String(i + 20)}`, head: `户主${'甲乙丙丁'[i]}`, id: makeIdNumber('620422', `1968${String(i + 1).padStart(2, '0')}12`, 2 * i + 1),
  size: 2 + i, wage: 9_000 + 500 * i, gross: 4_000 + 100 * i, expense: 1_000, property: 120 * i, transfer: 1_800 + i,
}));
type H = (typeof HH)[number];
const netOf = (h: H): number => h.wage + h.gross - h.expense + h.property + h.transfer;
const pcOf = (h: H): number => Math.round((netOf(h) / h.size) * 100) / 100;

interface Sheet { titles?: string[]; top?: string[]; header: string[]; row: (h: H) => Array<string | number> }

/** A household-level sheet; `top` is a first header row whose blank cells are merged with their left neighbour's group. */
async function write(path: string, sh: Sheet): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('郭城驿镇');
  for (const t of sh.titles ?? []) ws.addRow([t]);
  if (sh.top) {
    const r0 = ws.rowCount + 1;
    ws.addRow(sh.top);
    ws.addRow(sh.header.map((h, i) => (sh.top![i] === '' || sh.top![i] === undefined || sh.top![i] !== h ? h : '')));
    // Columns named in the top row only span both rows; a group caption spans its blank neighbours.
    for (let c = 0; c < sh.top.length; c++) {
      if (sh.top[c] === sh.header[c]) ws.mergeCells(r0, c + 1, r0 + 1, c + 1);
      else if (sh.top[c] !== '') {
        let end = c;
        while (end + 1 < sh.top.length && sh.top[end + 1] === '') end++;
        ws.mergeCells(r0, c + 1, r0, end + 1);
      }
    }
  } else ws.addRow(sh.header);
  for (const h of HH) {
    const r = ws.addRow(sh.row(h));
    r.eachCell((cell) => {
      if (typeof cell.value === 'string' && /^\d{15,}/.test(cell.value)) cell.numFmt = '@';
    });
  }
  await wb.xlsx.writeFile(path);
}

const fields = (r: FileReport): Record<string, string | null> => Object.fromEntries(r.sheets[0]!.columns.map((c) => [c.header, c.field]));

function committedNet(): Array<[string, number, number]> {
  return s.ctx.db.prepare(`SELECT h.code, r.net_fen, r.size FROM households h JOIN income_records r ON r.household_id = h.id ORDER BY h.code`).raw().all() as Array<[string, number, number]>;
}

/** The file's own totals are what the ledger now holds, household by household. */
function expectFileTotals(): void {
  expect(committedNet()).toEqual(HH.map((h) => [h.code, Math.round(netOf(h) * 100), h.size]));
}

async function expectStopped(file: string, names: string[]): Promise<void> {
  const before = snapshot(s);
  const r = await importOne(s, 'commit', file);
  expect(r.consistency.blocked).toBe(true);
  expect(r.batchId).toBeNull();
  for (const n of names) expect(r.consistency.message).toContain(`“${n}”`);
  expect(snapshot(s)).toBe(before);
}

describe('header variants by catalogue family', () => {
  it('national monitoring export: two title rows, units, spaces and a bracketed note map exactly', async () => {
    const file = tmp.path('脱贫户信息_20241231.xlsx');
    await write(file, {
      titles: ['脱贫户信息', '导出时间：2024-12-31'],
      header: ['县（市、区、旗）', '乡（镇）', '行政村', '户 编 号', '户主姓名', '户主证件号码', '年度家庭人口数（人）', '工资性收入（元）',
        '生产经营性收入（元）', '生产经营性支出（合计）（元）', '财产性收入（元）', '转移性收入（元）', '纯收入（元）', '人均纯收入（元）'],
      row: (h) => ['会宁县', '郭城驿镇', '中大村', h.code, h.head, h.id, h.size, h.wage, h.gross, h.expense, h.property, h.transfer, netOf(h), pcOf(h)],
    });
    const r = await importOne(s, 'commit', file, { year: 2024 });
    expect(Object.values(fields(r))).toEqual(['county', 'township', 'village', 'householdCode', 'headName', 'headIdNumber', 'size', 'wage',
      'businessGross', 'businessExpense', 'property', 'transfer', 'net', 'perCapita']);
    expect(r.errors).toEqual([]);
    expect(r.consistency.blocked).toBe(false);
    expectFileTotals();
  });

  it('statistics bureau terms with numbering: 经营净收入 stored as net, 财产净收入 / 转移净收入 as property / transfer', async () => {
    const file = tmp.path('郭城驿镇2024年收入.xlsx');
    await write(file, {
      header: ['户编号', '户主姓名', '户主证件号码', '家庭人口数', '1.工资性收入', '2.经营净收入', '3.财产净收入', '4.转移净收入', '家庭纯收入', '人均纯收入'],
      row: (h) => [h.code, h.head, h.id, h.size, h.wage, h.gross - h.expense, h.property, h.transfer, netOf(h), pcOf(h)],
    });
    const r = await importOne(s, 'commit', file);
    expect(Object.values(fields(r)).slice(4)).toEqual(['wage', 'businessNet', 'property', 'transfer', 'net', 'perCapita']);
    expect(r.consistency.blocked).toBe(false);
    expectFileTotals();
    const stored = s.ctx.db.prepare('SELECT business_gross_fen, business_net_fen FROM income_records ORDER BY household_id').raw().all();
    expect(stored).toEqual(HH.map((h) => [0, (h.gross - h.expense) * 100]));
  });

  it('DOMAIN §7 short component names (工资性, 财产性 …) are not guessed: the file is stopped, then imports once mapped', async () => {
    const file = tmp.path('郭城驿镇收入情况2024.xlsx');
    await write(file, {
      header: ['户编号', '户主姓名', '户主证件号码', '家庭人口', '工资性', '生产经营性净收入', '财产性', '转移性', '家庭纯收入'],
      row: (h) => [h.code, h.head, h.id, h.size, h.wage, h.gross - h.expense, h.property, h.transfer, netOf(h)],
    });
    await expectStopped(file, ['工资性', '财产性', '转移性']);
    const r = await importOne(s, 'commit', file, { mapping: { 工资性: 'wage', 财产性: 'property', 转移性: 'transfer' } });
    expect(r.consistency.blocked).toBe(false);
    expectFileTotals();
  });

  it('township sheet: two header rows under a merged caption, 所属/所在 prefixes, (一)… numbering, 性/家庭 dropped', async () => {
    const file = tmp.path('郭城驿镇2024年度台账.xlsx');
    const income = ['（一）工资收入', '（二）经营性收入', '（三）经营性支出', '（四）财产收入', '（五）转移收入', '家庭纯收入合计', '人均纯收入（元/人）'];
    await write(file, {
      titles: ['会宁县郭城驿镇2024年脱贫户收入台账'],
      top: ['所属乡镇', '所在村', '户编号', '户主', '户主身份证号码（18位）', '家庭人口数（人）', '家庭收入情况（元）', '', '', '', '', '', ''],
      header: ['所属乡镇', '所在村', '户编号', '户主', '户主身份证号码（18位）', '家庭人口数（人）', ...income],
      row: (h) => ['郭城驿镇', '中大村', h.code, h.head, h.id, h.size, h.wage, h.gross, h.expense, h.property, h.transfer, netOf(h), pcOf(h)],
    });
    const r = await importOne(s, 'commit', file);
    // The caption row is merged over the names below it; the merged names fill the second row.
    expect(r.sheets[0]!.headerRows![1]).toBe(3);
    expect(r.sheets[0]!.columns.map((c) => c.field)).toEqual(['township', 'village', 'householdCode', 'headName', 'headIdNumber', 'size',
      'wage', 'businessGross', 'businessExpense', 'property', 'transfer', 'net', 'perCapita']);
    expect(r.errors).toEqual([]);
    expectFileTotals();
  });

  it('names that are not fields (a part of a component, 万元) are never mapped: the totals stop the file', async () => {
    const part = tmp.path('郭城驿镇2024-分项.xlsx');
    await write(part, {
      header: ['户编号', '户主姓名', '户主证件号码', '家庭人口数', '其他工资性收入', '转移性收入', '家庭纯收入'],
      row: (h) => [h.code, h.head, h.id, h.size, h.wage, h.transfer, h.wage + h.transfer],
    });
    const p = await importOne(s, 'preview', part);
    expect(p.sheets[0]!.columns.find((c) => c.header === '其他工资性收入')).toMatchObject({ field: null, suggestion: null });
    expect(p.warnings.find((w) => w.column === '其他工资性收入')?.message).toContain('是某项收入的一部分');
    await expectStopped(part, ['其他工资性收入']);

    const wan = tmp.path('郭城驿镇2024-万元.xlsx');
    await write(wan, {
      header: ['户编号', '户主姓名', '户主证件号码', '家庭人口数', '工资性收入（万元）', '转移性收入', '家庭纯收入'],
      row: (h) => [h.code, h.head, h.id, h.size, h.wage / 10_000, h.transfer, h.wage + h.transfer],
    });
    await expectStopped(wan, ['工资性收入（万元）']);
  });
});
