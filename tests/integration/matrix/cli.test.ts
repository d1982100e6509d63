/** `matrix --db FILE [--json]` in a real child process, on a real database file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
let db: string;
beforeAll(() => {
  tmp = tempDir('ledger-matrix-cli-');
  db = tmp.path('ledger.db');
  openDatabase(db).close();
});
afterAll(() => tmp.remove());

interface Row {
  n: number;
  group: string;
  title: string;
  departments: Array<{ name: string; role: string }>;
}

describe('CLI: matrix', () => {
  it('prints exactly [{ n, group, title, departments: [{ name, role }] }] for the 22 measures', () => {
    const r = runCliProcess(['matrix', '--db', db, '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Row[];
    expect(rows).toHaveLength(22);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['n', 'group', 'title', 'departments']);
      for (const d of row.departments) {
        expect(Object.keys(d)).toEqual(['name', 'role']);
        expect(['lead', 'support', 'main']).toContain(d.role);
      }
    }
    expect(new Set(rows.map((x) => x.group)).size).toBe(5);
    expect(rows[6]).toEqual({
      n: 7, group: '就业稳岗拓岗,提高工资性收入', title: '强化稳岗就业',
      departments: [{ name: '市人社局', role: 'lead' }, { name: '市发展改革委', role: 'support' }, { name: '县区党委政府', role: 'main' }],
    });
  });

  it('prints a readable list without --json and refuses a bad scope', () => {
    const r = runCliProcess(['matrix', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('白银市脱贫人口增收措施责任分工（22 条）');
    expect(r.stdout).toContain('牵头：市发展改革委　配合：市农业农村局、市交通运输局、市水务局、市林草局　主体责任：县区党委政府');
    const bad = runCliProcess(['matrix', '--db', db, '--scope', 'huining']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--scope 应为 city');
    const missing = runCliProcess(['matrix', '--db', tmp.path('none.db')]);
    expect(missing.code).toBe(2);
  });
});
