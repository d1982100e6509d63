/**
 * Every rule of the catalogue on a ledger built row by row (tests/integration/checks/planted.ts):
 * each rule finds exactly its planted household or member, and nothing on the clean households that
 * sit at each rule's edge. Cross-checks read department lists written here as .xlsx.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/types.ts';
import type { Session } from '../../../electron/services/session.ts';
import { RULES } from '../../../shared/checks/catalogue.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';
import { CLEAN_PLANS, LEDGER_PLANTS, LOW_2023, LOW_2024, plant, Y, type Built, type Plan } from './planted.ts';

let t: TempDir;
let s: Session;
let db: Db;
const expected = new Map<string, string[]>();
const clean: Built[] = [];

async function list(name: string, head: string[], rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(head);
  for (const r of rows) ws.addRow(r);
  const path = t.path(name);
  await wb.xlsx.writeFile(path);
  return path;
}
const key = (b: Built, member?: number): string => `${b.hid}:${member === undefined ? '' : String(b.mids[member])}`;
const expect1 = (rule: string, k: string): void => { expected.set(rule, [...(expected.get(rule) ?? []), k]); };

/** Cross-check plants: a member in a list, and the clean side (same list, no problem). */
async function plantCross(): Promise<void> {
  const low: Partial<Plan> = { category: '脱贫不稳定户', risks: ['因病'], y2023: LOW_2023, y2024: LOW_2024 };
  const p = (k: string, extra: Partial<Plan> = {}): Built => plant(db, { key: k, ...extra });
  const [dead, fiscal, car, firm, medical, aid, sick] = [p('X01'), p('X02'), p('X03', low), p('X04', low), p('X05'), p('X06'), p('X07')];
  const [richCar, monitoredMedical, dibao, tekun, disabled] = [p('有车高收入'), p('医疗已监测', low), p('低保户', { attr: '低保脱贫户' }),
    p('特困户', { attr: '特困供养脱贫户' }), p('残疾户', { people: [{ name: '户主', born: '19790301', relation: '户主', health: '残疾' }] })];
  clean.push(richCar, monitoredMedical, dibao, tekun, disabled);
  const outsider = makeIdNumber('620102', '19600101', 11);
  const add = async (file: string, kind: string, head: string[], rows: unknown[][]): Promise<void> => {
    await s.call('checks:add-source', { path: await list(file, head, rows), dept: `${kind}部门`, kind: kind as never, asOf: '2025-06-30' });
  };
  await add('死亡.xlsx', '死亡', ['死者姓名', '身份证号码'], [['X01户主', dead.ids[0]], ['外人', outsider]]);
  await add('财政.xlsx', '财政供养', ['姓名', '身份证号', '单位'], [['X02配偶', fiscal.ids[1], '某局'], ['外人', outsider, '某局']]);
  await add('车辆.xlsx', '车辆', ['车主', '证件号码', '号牌'], [['X03户主', car.ids[0], '甘D12345'], ['有车高收入户主', richCar.ids[0], '甘D54321']]);
  await add('工商.xlsx', '工商', ['法人姓名', '法人身份证号', '字号'], [['X04户主', firm.ids[0], '某商店'], ['正常', richCar.ids[1], '某店']]);
  await add('医保.xlsx', '医保', ['姓名', '身份证号码', '个人自付金额'], [['X05户主', medical.ids[0], '3.2万'], ['医疗已监测户主', monitoredMedical.ids[0], 50000], ['正常', richCar.ids[2], '5,000']]);
  await add('低保.xlsx', '低保', ['姓名', '身份证号码'], [['X06户主', aid.ids[0]], ['低保户户主', dibao.ids[0]]]);
  await add('特困.xlsx', '特困', ['姓名', '身份证号码'], [['特困户户主', tekun.ids[0]]]);
  await add('残疾.xlsx', '残疾', ['姓名', '身份证号码', '残疾类别'], [['X07户主', sick.ids[0], '肢体'], ['残疾户户主', disabled.ids[0], '视力']]);
  for (const [rule, b, m] of [['X01', dead, 0], ['X02', fiscal, 1], ['X03', car, 0], ['X04', firm, 0], ['X05', medical, 0], ['X06', aid, 0], ['X07', sick, 0]] as const) expect1(rule, key(b, m));
}

beforeAll(async () => {
  t = tempDir('checks-rules-');
  s = demoSession(t.path('l.db'), null);
  db = s.ctx.db;
  db.transaction(() => {
    for (const [rule, p] of Object.entries(LEDGER_PLANTS)) expect1(rule, key(plant(db, p.plan), p.member));
    for (const p of CLEAN_PLANS) clean.push(plant(db, p));
  })();
  await plantCross();
}, 60_000);

afterAll(async () => {
  await s.close();
  t.remove();
});

describe('every rule on a planted ledger', () => {
  it('plants a case for every rule of the catalogue', () => {
    expect([...expected.keys()].sort()).toEqual(RULES.map((r) => r.code).sort());
  });

  it('finds exactly the planted cases, rule by rule, and nothing on the clean households', async () => {
    const r = await s.call('checks:run', { year: Y });
    const found = new Map<string, string[]>();
    for (const f of db.prepare('SELECT rule, fkey FROM check_findings WHERE first_run_id = ?').all(r.runId) as Array<{ rule: string; fkey: string }>) {
      found.set(f.rule, [...(found.get(f.rule) ?? []), f.fkey]);
    }
    for (const rule of RULES.map((x) => x.code)) expect(found.get(rule)?.sort(), rule).toEqual(expected.get(rule)?.sort());
    expect(r.found).toBe([...expected.values()].flat().length);
    const cleanIds = new Set(clean.map((b) => b.hid));
    expect((db.prepare('SELECT household_id FROM check_findings').pluck().all() as number[]).filter((h) => cleanIds.has(h))).toEqual([]);
  });

  it('renders each message with the figures of its case', async () => {
    const msg = (rule: string): string => (db.prepare('SELECT message FROM check_findings WHERE rule = ?').pluck().get(rule) as string);
    expect(msg('L02')).toBe('纯收入由 43000.00 元变为 93000.00 元（变动 116.3%）');
    // The line is the seeded 2024 防止返贫监测范围 (7,800), the one analysis and cases use.
    expect(msg('L08')).toBe('人均纯收入 8000.00 元，高于监测线不足 500 元');
    expect(msg('L09')).toBe('人均纯收入 6000.00 元，低于监测线 7800 元，户类型为“脱贫户”');
    expect(msg('L12')).toBe('纯收入 -16000.00 元');
    expect(msg('X05')).toBe('X05户主 自付医疗费用 32000.00 元，户类型为“脱贫户”');
    expect(msg('L01')).toBe('财产性上年有收入，本年为零');
    expect(RULES.every((rule) => !msg(rule.code).includes('?'))).toBe(true);
  });

  it('moves with its threshold: at ±40 % the +48.8 % household is added, back at ±50 % it is closed by data', async () => {
    await s.call('checks:set-threshold', { key: 'swingPct', value: 40 });
    const r = await s.call('checks:run', { year: Y });
    // +48.8 % is now a swing as well; the planted +116 % stays one finding, not a second one.
    expect(r.byRule.L02).toBe(2);
    expect(r.added).toBe(1);
    await s.call('checks:set-threshold', { key: 'swingPct', value: 50 });
    const back = await s.call('checks:run', { year: Y });
    expect(back.byRule.L02).toBe(1);
    expect(back.closedByData).toBe(1);
  });
});
