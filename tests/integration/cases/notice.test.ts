/**
 * The village 公示名单: the households at 村级评议公示 only, no ID number (not even masked), phone or
 * risk type anywhere in the workbook, A4 landscape; LibreOffice opens it (converted to a PDF with a
 * page) where soffice is installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeHouseholds, writeMemberWorkbook, type FxHousehold } from '../import/fixtures.ts';
import { importOne } from '../import/helpers.ts';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
let tmp: TempDir;
let s: Session;
let households: FxHousehold[] = [];
const idOf = (code: string): number => (s.ctx.db.prepare('SELECT id FROM households WHERE code = ?').get(code) as { id: number }).id;

beforeAll(async () => {
  tmp = tempDir('cases-notice-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
  households = makeHouseholds(6, { village: () => '中大村' });
  const f = tmp.path('2024.xlsx');
  await writeMemberWorkbook(f, households);
  await importOne(s, 'commit', f, { year: 2024 });
  for (const [i, steps] of [[0, 2], [1, 2], [2, 1]] as const) {
    const c = await s.call('cases:open', { householdId: idOf(households[i]!.code), source: '一键报贫', date: '2025-03-03', riskTypes: ['因病'] });
    await s.call('cases:advance', { id: c.id, to: '入户核实', date: '2025-03-04' });
    if (steps === 2) await s.call('cases:advance', { id: c.id, to: '村级评议公示', date: '2025-03-05' });
  }
}, 60_000);
afterAll(async () => {
  await s.close();
  tmp.remove();
});

it('lists the village notice without personal identifiers and opens in LibreOffice', { timeout: 240_000 }, async () => {
  const village = (s.ctx.db.prepare('SELECT village_code FROM households WHERE id = ?').get(idOf(households[0]!.code)) as { village_code: string }).village_code;
  const out = tmp.path('公示.xlsx');
  const r = await s.call('cases:exportNotice', { village, out });
  expect(r).not.toBeNull();
  expect(r).toMatchObject({ rows: 2, villageName: '郭城驿镇中大村' });
  await expect(s.call('cases:exportNotice', { village, out })).rejects.toThrow(/文件已存在/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('公示名单')!;
  const texts: string[] = [];
  ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ''))));
  const all = texts.join('|');
  expect(all).toMatch(/郭城驿镇中大村防止返贫监测对象识别公示名单/);
  const heads = households.map((h) => h.members[0]!.name);
  expect(heads.filter((n) => texts.includes(n))).toEqual([heads[0], heads[1]]);
  for (const h of households) for (const m of h.members) expect(all).not.toContain(String(m.id).slice(-4) + '|');
  expect(all).not.toMatch(/\d{6}\*+\d{4}|\d{17}[\dX]|因病/);
  expect(all).toMatch(/公示期不少于 5 天/);
  expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape' });
  if (!SOFFICE) return;
  const pdfDir = tmp.path('pdf');
  mkdirSync(pdfDir);
  const lo = spawnSync(SOFFICE, [`-env:UserInstallation=${pathToFileURL(tmp.path('lo-profile')).href}`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, out], { encoding: 'utf8', timeout: 200_000 });
  expect(lo.status, lo.stderr).toBe(0);
  expect(statSync(`${pdfDir}/公示.pdf`).size).toBeGreaterThan(8_000);
});
