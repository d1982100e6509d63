/**
 * One monitoring line for a year: 数据核查's line rules, the monitoring view's floor, the analysis
 * snapshot and the cases' elimination check all read the same 参考值 (county → city → province), and
 * a year without one runs no line rule and closes none of their findings, saying so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monitoringLine } from '../../../electron/cases/line.ts';
import { loadReferences } from '../../../electron/db/queries/analysis-references.ts';
import { monitoringFloor } from '../../../electron/db/queries/monitoring-hints.ts';
import type { Db } from '../../../electron/db/types.ts';
import type { Session } from '../../../electron/services/session.ts';
import { runSummaryText } from '../../../shared/checks/run-summary.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';
import { LOW_2023, LOW_2024, plant, Y } from './planted.ts';

let t: TempDir;
let s: Session;
let db: Db;
let low: number;

const setLine = (scope: string, value: number | null) =>
  s.call('refs:update', { kind: 'threshold', year: Y, scope, metric: 'monitoringFloor', value, source: '测试：县级文件', verified: true });
const l09State = (): string => db.prepare("SELECT state FROM check_findings WHERE rule = 'L09' AND household_id = ?").pluck().get(low) as string;

beforeAll(() => {
  t = tempDir('checks-line-');
  s = demoSession(t.path('l.db'), null);
  db = s.ctx.db;
  // About 6,000 a head and not a monitoring object: under the seeded 2024 line of 7,800.
  db.transaction(() => { low = plant(db, { key: 'L09', y2023: LOW_2023, y2024: LOW_2024 }).hid; })();
});

afterAll(async () => {
  await s.close();
  t.remove();
});

describe('the monitoring line', () => {
  it('is the seeded province line for 2024, the same in checks, monitoring, analysis and cases', async () => {
    const r = await s.call('checks:run', { year: Y });
    expect(r.line).toMatchObject({ value: 7800, scope: '620000', scopeName: '甘肃省' });
    expect(r.skipped).toEqual([]);
    expect(runSummaryText(r)).toContain('监测线按甘肃省 2024 年防止返贫监测范围 7,800 元/人');
    expect(l09State()).toBe('open');
    expect(monitoringFloor(db, Y)).toBe(7800);
    expect(loadReferences(db).monitoringFloor(Y)).toBe(7800);
    expect(monitoringLine(db, Y, '620422')?.value).toBe(7800);
  });

  it('takes the city value before the province one, everywhere', async () => {
    await setLine('620400', 5900);
    expect(monitoringFloor(db, Y)).toBe(5900);
    expect(loadReferences(db).monitoringFloor(Y)).toBe(5900);
    expect(monitoringLine(db, Y, '620422')?.value).toBe(5900);
    const r = await s.call('checks:run', { year: Y });
    expect(r.line).toMatchObject({ value: 5900, scope: '620400' });
    // 6,000 a head is above a 5,900 line: the finding closes because the line moved.
    expect(l09State()).toBe('closed_by_data');
  });

  it("uses 本单位's county line when the county set one", async () => {
    await s.call('settings:set', { unit_county: '620422' });
    await setLine('620422', 6800);
    const r = await s.call('checks:run', { year: Y });
    expect(r.line).toMatchObject({ value: 6800, scope: '620422' });
    expect(monitoringLine(db, Y, '620422')?.value).toBe(6800);
    expect(l09State()).toBe('open');
  });

  it('runs no line rule for a year without a line, keeps their findings and says so', async () => {
    for (const scope of ['620422', '620400', '620000']) await setLine(scope, null);
    const r = await s.call('checks:run', { year: Y });
    expect(r.line).toBeNull();
    expect(r.skipped.sort()).toEqual(['L08', 'L09', 'X03', 'X04']);
    expect(r.closedByData).toBe(0);
    expect(l09State()).toBe('open');
    expect(runSummaryText(r)).toContain('未设定 2024 年防止返贫监测范围（设置 → 参考值），L08、L09、X03、X04 未运行，原有问题保持不变');
    expect(monitoringFloor(db, Y)).toBeNull();
  });
});
