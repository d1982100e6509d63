/** A corrected column mapping saved as the township's template applies to that township's next file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeHouseholds, writeMemberWorkbook } from './fixtures.ts';
import { importOne } from './helpers.ts';

let tmp: TempDir;
let s: Session;

beforeAll(() => {
  tmp = tempDir('import-tpl-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterAll(async () => {
  await s.close();
  tmp.remove();
});

describe('mapping templates', () => {
  it('uses a saved township template, and a one-off mapping wins over it', async () => {
    const file = tmp.path('郭城驿镇.xlsx');
    await writeMemberWorkbook(file, makeHouseholds(3), { rename: { 劳动技能: '劳力类型', 务工区域: '外出地' } });
    const before = await importOne(s, 'preview', file);
    const col = (r: typeof before, h: string): string | null | undefined => r.sheets[0]!.columns.find((c) => c.header === h)?.field;
    expect(col(before, '劳力类型')).toBeNull();
    await s.call('import:saveTemplate', { township: '620422101', mapping: { '劳力类型': 'labour', ' 外出地 ': 'workPlaceClass' } });
    const after = await importOne(s, 'preview', file);
    expect(col(after, '劳力类型')).toBe('labour');
    expect(col(after, '外出地')).toBe('workPlaceClass');
    const oneOff = await importOne(s, 'preview', file, { mapping: { 外出地: null } });
    expect(col(oneOff, '外出地')).toBeNull();
    const templates = await s.call('import:templates', {});
    expect(templates).toEqual([{ key: 'township:620422101', township: '620422101', mapping: { 劳力类型: 'labour', 外出地: 'workPlaceClass' } }]);
  });
});
