/**
 * The two ways a file can be read (on the writer's thread, or on a reader thread beside it) and the
 * two ways it can be written (row by row with every index and trigger, or bulk: indexes and triggers
 * dropped inside the transaction and rebuilt) must give the same report and the same database, down
 * to the derived per-household figures, the analysis dirty marks and the schema itself.
 */
import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileReport } from '../../../shared/api/import.ts';
import { openDatabase } from '../../../electron/db/connection.ts';
import { verifyAuditChain } from '../../../electron/db/audit.ts';
import { importFile, type ImportOptions, type ImportProgress } from '../../../electron/import/pipeline.ts';
import { BulkLoad } from '../../../electron/import/write/bulk.ts';
import { AppError } from '../../../shared/errors.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { makeHouseholds, writeMemberWorkbook, type FxHousehold } from './fixtures.ts';

let tmp: TempDir;
let base: string;
let second: string;

/** The corrected file: changed incomes, a new household, a bad ID, a household split in two places. */
function corrected(hh: FxHousehold[]): FxHousehold[] {
  const out = hh.map((h, i) => (i % 4 === 1 ? { ...h, income: [h.income[0] + 500, ...h.income.slice(1)] as FxHousehold['income'] } : h));
  const split = out[4]!;
  out[4] = { ...split, members: split.members.slice(0, 2) };
  out.splice(10, 0, { ...split, members: split.members.slice(2) });
  const bad = out[3]!;
  out[3] = { ...bad, members: [{ ...bad.members[0]!, id: '620422198001011234' }, ...bad.members.slice(1)] };
  return [...out, ...makeHouseholds(3, { seed: 900, codePrefix: '6204221013' })];
}

beforeAll(async () => {
  tmp = tempDir('import-threads-');
  const hh = makeHouseholds(24);
  const first = tmp.path('郭城驿镇2023年度.xlsx');
  second = tmp.path('郭城驿镇2023年度（更正）.xlsx');
  await writeMemberWorkbook(first, hh);
  await writeMemberWorkbook(second, corrected(hh));
  base = tmp.path('base.db');
  const db = openDatabase(base);
  await importFile(db, { path: first, mode: 'commit', operator: '测试员', threads: 'never' });
  db.close();
});
afterAll(() => tmp.remove());

function dump(path: string): string {
  const db = openDatabase(path);
  try {
    const q = (sql: string): unknown[] => db.prepare(sql).all();
    return JSON.stringify([
      q('SELECT id, code, county_code, township_code, village_code, head_name, head_id_number, size, relocated, batch_id FROM households ORDER BY id'),
      q('SELECT id, household_id, name, id_number, relation, labour, work_place_class, batch_id FROM members ORDER BY id'),
      q('SELECT household_id, year, size, net_fen, wage_fen, batch_id FROM income_records ORDER BY household_id, year'),
      q('SELECT * FROM household_year_figures ORDER BY household_id, year'),
      q('SELECT * FROM analysis_dirty ORDER BY township_code'),
      q(`SELECT type, name, sql FROM sqlite_schema ORDER BY type, name`),
      q(`SELECT action, table_name, row_key, field, old_value, new_value, household_id, batch_id FROM audit_log ORDER BY id`),
    ]);
  } finally {
    db.close();
  }
}

async function run(name: string, extra: Partial<ImportOptions>): Promise<{ report: FileReport; db: string; progress: ImportProgress[] }> {
  const path = tmp.path(`${name}.db`);
  copyFileSync(base, path);
  const db = openDatabase(path);
  const progress: ImportProgress[] = [];
  try {
    const report = await importFile(db, { path: second, mode: 'commit', operator: '测试员', dbPath: path, onProgress: (p) => progress.push(p), ...extra });
    expect(verifyAuditChain(db).ok).toBe(true);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return { report: { ...report, millis: 0 }, db: dump(path), progress };
  } finally {
    db.close();
  }
}

describe('reader thread and bulk loading', () => {
  it('give the same report and the same database as the plain path', async () => {
    const plain = await run('plain', { threads: 'never', bulk: false });
    expect(plain.report.households).toEqual({ added: 3, updated: 6, unchanged: 16, refused: 3 });
    expect(plain.report.errors.map((e) => e.code).sort()).toEqual(['id-checksum', 'split-household', 'split-household']);
    for (const variant of [{ threads: 'always', bulk: false }, { threads: 'never', bulk: true }, { threads: 'always', bulk: true }] as const) {
      const other = await run(`${variant.threads}-${variant.bulk}`, variant);
      expect(other.report, JSON.stringify(variant)).toEqual(plain.report);
      expect(other.db, JSON.stringify(variant)).toBe(plain.db);
    }
  });

  it('reports rows read and rows checked, both reaching every row of the file', async () => {
    const { report, progress } = await run('progress', { threads: 'always' });
    expect(progress.length).toBeGreaterThan(0);
    for (const [i, p] of progress.entries()) {
      expect(p.checked).toBeLessThanOrEqual(p.read);
      if (i > 0) expect(p.read).toBeGreaterThanOrEqual(progress[i - 1]!.read);
    }
    const last = progress.at(-1)!;
    expect(last.read).toBe(report.rowsRead);
    expect(last.checked).toBe(report.rowsRead);
  });

  it('bulk loading turns foreign keys back on, and its end-of-load check refuses a dangling row', async () => {
    const { report } = await run('fk', { threads: 'never', bulk: true });
    expect(report.errorCount).toBe(3);
    const path = tmp.path('fk.db');
    const db = openDatabase(path);
    try {
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      const schema = JSON.stringify(db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all());
      db.pragma('foreign_keys = OFF');
      db.exec('BEGIN IMMEDIATE');
      const bulk = BulkLoad.begin(db, 1, true);
      db.prepare(`INSERT INTO members (household_id, name, id_number) VALUES (999999, '孤儿行', ?)`).run(makeIdNumber('620422', '19800101', 999));
      let err: unknown = null;
      try {
        bulk.finish();
      } catch (e) {
        err = e;
      }
      db.exec('ROLLBACK');
      db.pragma('foreign_keys = ON');
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).message).toContain('members');
      expect(JSON.stringify(db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY name').all())).toBe(schema);
    } finally {
      db.close();
    }
  });

  it('a cancel reaches the reader thread and rolls everything back', async () => {
    const path = tmp.path('cancel.db');
    copyFileSync(base, path);
    const before = dump(path);
    const db = openDatabase(path);
    const cancel = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancel);
    let err: unknown = null;
    let pragmas: unknown[] = [];
    try {
      await importFile(db, {
        path: second, mode: 'commit', operator: '测试员', dbPath: path, threads: 'always', bulk: true, cancel,
        checkCancel: () => {
          if (Atomics.load(flag, 0) !== 0) throw new AppError('cancelled', '导入已取消');
        },
        onProgress: () => Atomics.store(flag, 0, 1),
      });
    } catch (e) {
      err = e;
    } finally {
      pragmas = [db.pragma('foreign_keys', { simple: true }), db.pragma('temp_store', { simple: true }), db.pragma('cache_size', { simple: true })];
      db.close();
    }
    expect(err).toMatchObject({ code: 'cancelled' });
    // Bulk loading's connection settings are put back even when the import fails.
    expect(pragmas).toEqual([1, 2, -65536]);
    expect(dump(path)).toBe(before);
  });
});
