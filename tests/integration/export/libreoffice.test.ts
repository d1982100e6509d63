/**
 * Every form, a list and the report open in LibreOffice: all are converted to PDF in ONE soffice
 * run (it takes seconds to start) with a profile of its own, and each PDF must exist and hold
 * pages. Skipped, with the reason, only where soffice is not installed (.ci/run installs it).
 * The 年度采集 and 监测对象 forms written by their services (通报, …) must also print on A4 landscape
 * (pdfinfo's page size, where poppler-utils is installed).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMS } from '../../../shared/api/export.ts';
import { parseHouseholdFilter } from '../../../shared/domain/list-filters.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import { writeList } from '../../../electron/export/list.ts';
import { runExport } from '../../../electron/export/run.ts';
import { runReport } from '../../../electron/report/run.ts';
import { openSession } from '../../../electron/services/session.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeExportDb } from './fixture.ts';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
const PDFINFO = existsSync('/usr/bin/pdfinfo') ? '/usr/bin/pdfinfo' : null;
let dir: TempDir;
const files: string[] = [];
/** Forms that must print on A4 landscape. */
const a4: string[] = [];

beforeAll(async () => {
  dir = tempDir('export-soffice-');
  const dbPath = makeExportDb(dir.path('ledger.db'), { demo: true });
  const w = openDatabase(dbPath);
  const h = w.prepare('SELECT id FROM households ORDER BY id LIMIT 1').get() as { id: number };
  const p = w.prepare(`INSERT INTO plans (household_id, year, status, target_per_capita_fen, cadre_name) VALUES (?, 2024, '已制定', 1200000, '干部甲')`).run(h.id);
  w.prepare(`INSERT INTO plan_measures (plan_id, measure_type, content, sort) VALUES (?, '产业', '养羊30只', 0)`).run(p.lastInsertRowid);
  w.close();
  for (const form of EXPORT_FORMS) {
    const out = dir.path(`${form}.xlsx`);
    await runExport(dbPath, form, out, { county: '620422', year: 2024 });
    files.push(out);
  }
  const db = openDatabase(dbPath, { readonly: true });
  try {
    files.push((await writeList(db, dir.path('list.xlsx'), { list: 'households', filter: parseHouseholdFilter('county=620422&below=1') })).path);
    files.push((await runReport(db, dir.path('report.docx'), { year: 2024, county: '620422' })).path);
  } finally {
    db.close();
  }
  const s = openSession(dbPath, { operator: '测试员' });
  try {
    a4.push((await s.call('campaign:exportBulletin', { year: 2024, county: '620422', out: dir.path('bulletin.xlsx') }))!.path);
    const c = await s.call('cases:open', { householdId: h.id, source: '一键报贫', date: '2025-03-03', riskTypes: ['因病'] });
    await s.call('cases:advance', { id: c.id, to: '入户核实', date: '2025-03-05', note: '已入户核实' });
    a4.push((await s.call('cases:exportFile', { id: c.id, out: dir.path('case-file.xlsx') }))!.path);
    a4.push((await s.call('cases:exportMonthly', { month: '2025-03', county: '620422', out: dir.path('case-monthly.xlsx') }))!.path);
  } finally {
    await s.close();
  }
  files.push(...a4);
}, 300_000);
afterAll(() => dir?.remove());

describe.skipIf(!SOFFICE)(`LibreOffice opens every output${SOFFICE ? '' : '（跳过：本机没有 soffice，.ci/run 会安装 libreoffice-calc-nogui 和 libreoffice-writer-nogui）'}`, () => {
  it('converts each form, the list and the report to a PDF with pages', () => {
    const out = dir.path('pdf');
    mkdirSync(out);
    const profile = pathToFileURL(dir.path('lo-profile')).href;
    const r = spawnSync(SOFFICE as string, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', out, ...files], { encoding: 'utf8', timeout: 240_000 });
    expect(r.status, r.stderr).toBe(0);
    for (const f of files) {
      const pdf = join(out, basename(f).replace(/\.(xlsx|docx)$/, '.pdf'));
      expect(existsSync(pdf), `${basename(f)} → PDF`).toBe(true);
      // A blank or failed page is a few hundred bytes; a table or a report page is several KB.
      expect(statSync(pdf).size, basename(f)).toBeGreaterThan(8_000);
    }
    if (!PDFINFO) return;
    for (const f of a4) {
      const info = spawnSync(PDFINFO, [join(out, basename(f).replace(/\.xlsx$/, '.pdf'))], { encoding: 'utf8' }).stdout;
      // A4 landscape is 842 × 595 pt.
      expect(/Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)?.slice(1).map((x) => Math.round(Number(x))), basename(f)).toEqual([842, 595]);
    }
  }, 300_000);
});
