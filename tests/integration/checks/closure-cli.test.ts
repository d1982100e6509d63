/**
 * Closing findings from the command line: exempt with a reason (refused without one), 已整改 that the
 * next run contradicts (reopened), a fix by a real township import (closed by data, with its batch),
 * and the closure rate per township and rule that follows from those states.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { openSession } from '../../../electron/services/session.ts';
import type { FindingDto, ProgressDto } from '../../../shared/api/checks.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { LEDGER_PLANTS, plant, TOWN, TOWN2, type Built } from './planted.ts';

let t: TempDir;
let db: string;
let l10: Built;
let l10Code: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli([...argv, '--db', db, '--operator', '张干事'], { out: (x) => (out += `${x}\n`), err: (x) => (err += `${x}\n`) });
  return { code, out, err };
}
const findings = async (...extra: string[]): Promise<FindingDto[]> => JSON.parse((await cli('findings', '--json', ...extra)).out) as FindingDto[];

beforeAll(async () => {
  t = tempDir('checks-closure-');
  db = t.path('l.db');
  const s = openSession(db, { operator: '测试员' });
  s.ctx.db.transaction(() => {
    plant(s.ctx.db, { ...LEDGER_PLANTS.L06!.plan, town: TOWN });
    plant(s.ctx.db, { ...LEDGER_PLANTS.L09!.plan, town: TOWN });
    l10 = plant(s.ctx.db, { ...LEDGER_PLANTS.L10!.plan, town: TOWN2 });
    plant(s.ctx.db, { key: '正常', town: TOWN2 });
  })();
  l10Code = s.ctx.db.prepare('SELECT code FROM households WHERE id = ?').pluck().get(l10.hid) as string;
  await s.close();
}, 60_000);

afterAll(() => t.remove());

/** The township's corrected sheet for the L10 household: three members, 家庭人口数 3 (was 4). */
async function correctedSheet(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('郭城驿镇');
  ws.addRow(['会宁县郭城驿镇2024年度脱贫人口收入台账（更正）']);
  ws.addRow(['户编号', '户主姓名', '姓名', '身份证号码', '与户主关系', '家庭人口数']);
  const s = openSession(db, { operator: '测试员' });
  const members = s.ctx.db.prepare('SELECT name, id_number, relation FROM members WHERE household_id = ? ORDER BY id').all(l10.hid) as Array<{ name: string; id_number: string; relation: string }>;
  await s.close();
  for (const m of members) ws.addRow([l10Code, 'L10户主', m.name, m.id_number, m.relation, 3]).getCell(4).numFmt = '@';
  const path = t.path('郭城驿镇2024.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

describe('closing findings from the CLI', () => {
  it('runs, then refuses an exemption without a reason and a hand-set 数据已更正', async () => {
    const run = await cli('checks', 'run');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/发现 3 个问题，新增 3/);
    const [l06] = await findings('--rule', 'L06');
    const bare = await cli('findings', 'set', String(l06!.id), '--state', '豁免');
    expect(bare.code).toBe(2);
    expect(bare.err).toMatch(/豁免须写明理由/);
    const byData = await cli('findings', 'set', String(l06!.id), '--state', 'closed_by_data');
    expect(byData.code).toBe(2);
    expect(byData.err).toMatch(/--state 只能是 open（待整改）、fixed（已整改）、exempt（豁免）、false_positive（误报）/);
    expect((await findings('--rule', 'L06'))[0]!.state).toBe('open');
  });

  it('exempts with a reason, marks 已整改, and a township import closes one by data with its batch', async () => {
    const [l06] = await findings('--rule', 'L06');
    const ex = await cli('findings', 'set', String(l06!.id), '--state', '豁免', '--reason', '风险已消除，待系统更新');
    expect(ex.code).toBe(0);
    expect(ex.out).toMatch(/已标为“豁免”：风险已消除，待系统更新/);
    const [l09] = await findings('--rule', 'L09');
    expect((await cli('findings', 'set', String(l09!.id), '--state', 'fixed')).code).toBe(0);

    const imp = await cli('import', await correctedSheet(), '--json');
    expect(imp.code, imp.err).toBe(0);
    const [rep] = JSON.parse(imp.out) as Array<{ batchId: number }>;
    const rerun = await cli('checks', 'run');
    expect(rerun.out).toMatch(/新增 0，重新打开 1，因数据更正关闭 1/);

    const [closed] = await findings('--state', 'closed_by_data');
    expect(closed).toMatchObject({ rule: 'L10', householdId: l10.hid, closedBatchId: rep!.batchId, townshipName: '郭城驿镇' });
    expect((await cli('findings', '--state', '数据已更正')).out).toContain(`数据已更正（导入批次 ${rep!.batchId}）`);
    expect((await findings('--rule', 'L06'))[0]).toMatchObject({ state: 'exempt', reason: '风险已消除，待系统更新', stateOperator: '张干事' });
    expect((await findings('--rule', 'L09'))[0]).toMatchObject({ state: 'open', reason: '答复已整改，但本次核查仍发现' });
  });

  it('prints the closure rate per township and rule', async () => {
    const p = JSON.parse((await cli('findings', 'closure', '--json')).out) as ProgressDto;
    expect(p.townships).toEqual([
      { code: TOWN, name: '会师镇', total: 2, open: 1, fixed: 0, exempt: 1, falsePositive: 0, closedByData: 0, rate: 0.5 },
      { code: TOWN2, name: '郭城驿镇', total: 1, open: 0, fixed: 0, exempt: 0, falsePositive: 0, closedByData: 1, rate: 1 },
    ]);
    expect(p.rules.map((r) => [r.code, r.open, r.rate])).toEqual([['L06', 0, 1], ['L09', 1, 0], ['L10', 0, 1]]);
    const text = await cli('findings', 'closure', '--township', TOWN);
    expect(text.out).toContain('会师镇\t共 2\t待整改 1\t已整改 0\t豁免 1\t误报 0\t数据已更正 0\t闭环率 50.0%');
    expect(text.out).not.toContain('郭城驿镇');
  });
});
