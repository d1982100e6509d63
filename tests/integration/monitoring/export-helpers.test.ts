import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPlansForExport, workLedgerRows } from '../../../electron/db/queries/monitoring-export.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { buildFixture, GUOCHENG, HUINING, setIncome, type Fixture } from './fixture.ts';

let tmp: TempDir;
let fx: Fixture;
let session: Session;

beforeAll(async () => {
  tmp = tempDir('monitoring-export-');
  fx = buildFixture(tmp.path('export.db'));
  fx.db.close();
  session = openSession(tmp.path('export.db'), { operator: '测试员' });
  await session.call('monitoring:plan:save', {
    householdId: fx.ids.C, year: 2024, status: '落实中', targetPerCapita: 8799, cadreName: '马干部', cadrePhone: '13800000000', note: null,
    measures: [
      { measureN: 1, measureType: '产业', content: '养羊30只', scale: '30只', funds: 30000, department: '县农业农村局', cadre: null, deadline: '2025-10', expectedIncrease: 10000 },
      { measureN: 13, measureType: '公益岗位', content: '李秀兰公益岗位', scale: '1人', funds: null, department: null, cadre: null, deadline: null, expectedIncrease: 6000 },
    ],
  });
});
afterAll(async () => {
  await session.close();
  tmp.remove();
});

describe('export helpers', () => {
  it('workLedgerRows: the ledger rows with labour, workers, plan and group labels', () => {
    const rows = workLedgerRows(session.ctx.db, { year: 2024, county: HUINING });
    expect(rows).toHaveLength(6);
    const c = rows.find((r) => r.householdId === fx.ids.C);
    expect(c).toMatchObject({
      townshipName: '郭城驿镇', labourCount: 2, workersInCounty: 0, groupLabels: '低于收入线', cadrePhone: '13800000000',
      plan: { status: '落实中', measureCount: 2 }, evaluation: { outcome: 'pending' },
    });
    const e = rows.find((r) => r.householdId === fx.ids.E);
    expect(e).toMatchObject({ groupLabels: '低于收入线、收入下降、易地搬迁', workersInCounty: 1, labourCount: 0 });
    expect(workLedgerRows(session.ctx.db, { year: 2024, township: GUOCHENG, group: 'relocated' }).map((r) => r.householdId)).toEqual([fx.ids.E]);
  });

  it('listPlansForExport: household block, base income with components, measures, growth and evaluation', () => {
    setIncome(session.ctx.db, fx.ids.C as number, 2025, 4, 35_200);
    const [p, ...rest] = listPlansForExport(session.ctx.db, { year: 2024 });
    expect(rest).toHaveLength(0);
    expect(p).toMatchObject({
      householdCode: '62042200C', headName: '户主C', townshipName: '郭城驿镇', villageName: '测试村', size: 4, labourCount: 2,
      monitoringCategory: '脱贫不稳定户', groups: ['below'], base: { year: 2024, perCapita: 7999, wage: 7999, business: 0, transfer: 0 },
      plan: { status: '落实中', targetPerCapita: 8799, expectedIncrease: 16000 },
      evaluation: { outcome: 'reached', evaluatedYear: 2025 },
    });
    expect(p?.expectedGrowth).toBeCloseTo(8799 / 7999 - 1, 12);
    expect(p?.plan.measures.map((m) => m.content)).toEqual(['养羊30只', '李秀兰公益岗位']);
    expect(listPlansForExport(session.ctx.db, { year: 2024, householdIds: [fx.ids.E as number] })).toEqual([]);
  });
});
