/**
 * Encryption cost (#24): the same city ledger, plaintext and encrypted, measured in the same run.
 * Each encrypted figure is printed against its plaintext twin (aim: within 1.3×). The write figure
 * is a bulk update of 10,000 income rows in one transaction (what an import's commit does), not a
 * whole import with workbook parsing.
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

function measure(path: string, key: string | null): ReturnType<typeof figures> {
  setLedgerKey(key);
  const db = openDatabase(path, { mustExist: true });
  try {
    return figures(db);
  } finally {
    db.close();
    setLedgerKey(null);
  }
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-crypt-'));
  try {
    const src = openDatabase(cityDemoPath(), { mustExist: true });
    src.prepare('VACUUM INTO ?').run(join(dir, 'plain.db'));
    src.prepare('VACUUM INTO ?').run(join(dir, 'enc.db'));
    src.close();
    encryptLedgerInPlace(join(dir, 'enc.db'), KEY);
    const plain = measure(join(dir, 'plain.db'), null);
    const enc = measure(join(dir, 'enc.db'), KEY);
    process.stdout.write('\n== 加密开销（城市规模，同一次运行：加密库 对 明文库）==\n');
    report('stats --by township (encrypted)', enc.stats, plain.stats, '明文库');
    report('5,000 household lookups (encrypted)', enc.lookup, plain.lookup, '明文库');
    report('update 10,000 income rows, 1 txn (encrypted)', enc.write, plain.write, '明文库');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
