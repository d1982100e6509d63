/** `export` through the real CLI process: exit codes, Chinese messages, the full-ID audit entry. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { openDatabase } from '../../../electron/db/connection.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeExportDb, readBook } from './fixture.ts';

let dir: TempDir;
let db: string;

beforeAll(() => {
  dir = tempDir('export-cli-');
  db = makeExportDb(dir.path('ledger.db'));
});
afterAll(() => dir.remove());

describe('export CLI', () => {
  it('writes the income summary and exits 0', async () => {
    const out = dir.path('summary.xlsx');
    const r = runCliProcess(['export', 'income-summary', '--db', db, '--out', out, '--county', '620422', '--year', '2024']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('已导出');
    const ws = (await readBook(out)).worksheets[0];
    expect(ws?.getCell('A1').value).toBe('会宁县2024年脱贫人口收入情况统计表');
  });

  it('exits 2 on bad usage, with a Chinese message', () => {
    const cases: string[][] = [
      ['export', 'nonsense', '--db', db, '--out', dir.path('a.xlsx')],
      ['export', 'ledger', '--db', db, '--out', dir.path('a.xlsx'), '--show-ids'],
      ['export', 'ledger', '--db', dir.path('missing.db'), '--out', dir.path('a.xlsx')],
    ];
    for (const args of cases) {
      const r = runCliProcess(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(existsSync(dir.path('a.xlsx'))).toBe(false);
  });

  it('full IDs need an operator and are audited with file name, row count and reason', async () => {
    const out = dir.path('full.xlsx');
    const w = openDatabase(db);
    w.prepare(`DELETE FROM settings WHERE key = 'operator'`).run();
    w.close();
    const refused = runCliProcess(['export', 'ledger', '--db', db, '--out', out, '--year', '2024', '--show-ids', '--reason', '与市局核对']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('操作员');
    expect(existsSync(out)).toBe(false);
    const r = runCliProcess(['export', 'ledger', '--db', db, '--out', out, '--year', '2024', '--township', '620422101', '--show-ids', '--reason', '与市局核对', '--operator', '王填报']);
    expect(r.code).toBe(0);
    const d = openDatabase(db, { readonly: true });
    const entry = d.prepare(`SELECT operator, detail FROM audit_log WHERE action = 'export-full-ids'`).get() as { operator: string; detail: string };
    d.close();
    expect(entry.operator).toBe('王填报');
    const detail = JSON.parse(entry.detail) as { file: string; rows: number; reason: string };
    expect(detail).toMatchObject({ file: 'full.xlsx', reason: '与市局核对' });
    const ws = (await readBook(out)).worksheets[0];
    // Title, info line, header; then the 合计, a blank row, the data note and the signatures.
    expect(detail.rows).toBe((ws?.rowCount ?? 0) - 3 - 4);
    expect(String(ws?.getRow(4).getCell(21).value)).toMatch(/^\d{17}[\dX]$/);
  });

  it('refuses plans for a year without any, exit 2', () => {
    const r = runCliProcess(['export', 'plans', '--db', db, '--out', dir.path('p.xlsx'), '--year', '2024']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('一户一策');
  });
});
