/**
 * Encryption cost (#24): the same city ledger, plaintext and encrypted, measured in the same run.
 * Each encrypted figure is printed against its plaintext twin (aim: within 1.3×): stats, lookups,
 * a bulk update of 10,000 income rows in one transaction, and a whole township import (5,001
 * member rows through the app's import job, then undone). A previous run saw an order effect (the
 * file measured second ran warm), so the two files are measured A B B A and each figure is the
 * mean of its two passes; the import is warmed up once per file first (the day's first import
 * also takes the daily backup, which is not what is compared here).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { computeStats } from '../../electron/analysis/stats.ts';
import { setLedgerKey } from '../../electron/db/cipher.ts';
import { openDatabase } from '../../electron/db/connection.ts';
import { encryptLedgerInPlace } from '../../electron/db/encrypt.ts';
import type { Db } from '../../electron/db/types.ts';
import { openSession } from '../../electron/services/session.ts';
import { isFileFailure } from '../../shared/api/import.ts';
import { writeTownshipWorkbook } from '../integration/integrity/workbooks.ts';
import { cityDemoPath, report, timeMs } from './util.ts';

const KEY = 'bench-key';

function figures(db: Db): { stats: number; lookup: number; write: number } {
  const lookup = db.prepare('SELECT * FROM households WHERE id = ?');
  const bump = db.prepare('UPDATE income_records SET wage_fen = wage_fen + 1 WHERE household_id = ? AND year = ?');
  const keys = db.prepare('SELECT household_id AS h, year AS y FROM income_records LIMIT 10000').all() as { h: number; y: number }[];
  return {
    stats: timeMs(() => computeStats(db, { year: 2024, by: 'township' })),
    lookup: timeMs(() => { for (let i = 1; i <= 5000; i++) lookup.get(i * 7); }),
    write: timeMs(() => db.transaction(() => { for (const k of keys) bump.run(k.h, k.y); })(), 3),
  };
}

type Figures = ReturnType<typeof figures> & { importMs: number };

async function importOnce(path: string, file: string): Promise<number> {
  const s = openSession(path, { operator: '基准测试', skipIntegrityCheck: true });
  try {
    const t = process.hrtime.bigint();
    const { jobId } = await s.call('import:commit', { paths: [file] });
    const [o] = await s.call('import:result', { jobId });
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (!o || isFileFailure(o) || o.batchId === null) throw new Error('the bench import wrote no batch');
    await s.call('import:undo', { batchId: o.batchId });
    return ms;
  } finally {
    await s.close();
  }
}

async function measure(path: string, key: string | null, file: string): Promise<Figures> {
  setLedgerKey(key);
  try {
    const db = openDatabase(path, { mustExist: true });
    let f: ReturnType<typeof figures>;
    try {
      f = figures(db);
    } finally {
      db.close();
    }
    return { ...f, importMs: await importOnce(path, file) };
  } finally {
    setLedgerKey(null);
  }
}

const mean = (a: Figures, b: Figures): Figures => ({
  stats: (a.stats + b.stats) / 2, lookup: (a.lookup + b.lookup) / 2, write: (a.write + b.write) / 2, importMs: (a.importMs + b.importMs) / 2,
});

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-crypt-'));
  try {
    const src = openDatabase(cityDemoPath(), { mustExist: true });
    src.prepare('VACUUM INTO ?').run(join(dir, 'plain.db'));
    src.prepare('VACUUM INTO ?').run(join(dir, 'enc.db'));
    src.close();
    encryptLedgerInPlace(join(dir, 'enc.db'), KEY);
    const file = join(dir, '郭城驿镇.xlsx');
    await writeTownshipWorkbook(file, 1_430);
    const A = (): Promise<Figures> => measure(join(dir, 'plain.db'), null, file);
    const B = (): Promise<Figures> => measure(join(dir, 'enc.db'), KEY, file);
    await A();
    await B();
    const a1 = await A();
    const b1 = await B();
    const b2 = await B();
    const a2 = await A();
    const plain = mean(a1, a2);
    const enc = mean(b1, b2);
    process.stdout.write('\n== 加密开销（城市规模，同一次运行，按 明文 加密 加密 明文 的顺序各测两次取平均：加密库 对 明文库）==\n');
    process.stdout.write(`  各次：明文 ${a1.importMs.toFixed(0)} / ${a2.importMs.toFixed(0)} ms，加密 ${b1.importMs.toFixed(0)} / ${b2.importMs.toFixed(0)} ms（乡镇导入）；stats 明文 ${a1.stats.toFixed(1)} / ${a2.stats.toFixed(1)}，加密 ${b1.stats.toFixed(1)} / ${b2.stats.toFixed(1)} ms\n`);
    report('stats --by township (encrypted)', enc.stats, plain.stats, '明文库');
    report('5,000 household lookups (encrypted)', enc.lookup, plain.lookup, '明文库');
    report('update 10,000 income rows, 1 txn (encrypted)', enc.write, plain.write, '明文库');
    report('township import 5,001 members, app job (encrypted)', enc.importMs, plain.importMs, '明文库');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
