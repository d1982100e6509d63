/**
 * 数据核查 at city scale: reading a 20,000-row department list (.xlsx), storing and matching it, and
 * running every rule (16 ledger rules, 7 cross-checks) over the city demo, first run and re-run,
 * each against a floor: one plain scan of the members table in the same run. The checks write
 * findings, so they run on a copy of the cached city demo, never on the cache itself.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { readSource } from '../../electron/checks/source-read.ts';
import { storeSource } from '../../electron/checks/sources.ts';
import { runChecks } from '../../electron/checks/run.ts';
import { openDatabase } from '../../electron/db/connection.ts';
import type { Db } from '../../electron/db/types.ts';
import { makeIdNumber } from '../../shared/domain/id-number.ts';
import { cityDemoPath, report, timeMs } from './util.ts';

const ROWS = 20_000;

/** A 医保 list: 12,000 members of the ledger (every 7th, amounts up to 4万) and 8,000 people outside it. */
async function writeList(db: Db, path: string): Promise<void> {
  const inLedger = db.prepare('SELECT name, id_number FROM members WHERE id % 7 = 0 ORDER BY id LIMIT 12000').all() as Array<{ name: string; id_number: string }>;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path });
  const ws = wb.addWorksheet('医保结算');
  ws.addRow(['市医保局 2025 年住院结算（个人自付）']).commit();
  ws.addRow(['序号', '姓名', '身份证号码', '个人自付金额', '医院']).commit();
  for (let i = 0; i < ROWS; i++) {
    const m = inLedger[i] ?? { name: `外${i}`, id_number: makeIdNumber('620102', `19${String(50 + (i % 40))}0101`, i % 1000) };
    ws.addRow([i + 1, m.name, m.id_number, (i * 37) % 40000, '县医院']).commit();
  }
  await wb.commit();
}

function time1(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-checks-'));
  const dbPath = join(dir, 'city.db');
  copyFileSync(cityDemoPath(), dbPath);
  const db = openDatabase(dbPath);
  try {
    const scan = db.prepare('SELECT count(*), sum(length(name)), sum(welfare_post), max(id_number) FROM members');
    const floor = timeMs(() => scan.get());
    const list = join(dir, '医保.xlsx');
    await writeList(db, list);
    process.stdout.write('\n== 数据核查（城市规模，2024 年，一份 20,000 行部门名单）==\n');
    let t = process.hrtime.bigint();
    const read = await readSource(list, '医保.xlsx');
    report('read a 20,000-row department list (.xlsx)', Number(process.hrtime.bigint() - t) / 1e6, floor, '成员表单次扫描');
    t = process.hrtime.bigint();
    db.transaction(() => storeSource(db, { dept: '市医保局', kind: '医保', asOf: '2025-06-30', fileName: '医保.xlsx', sha256: '0'.repeat(64), operator: '基准' }, read))();
    report('store and match it against the ledger', Number(process.hrtime.bigint() - t) / 1e6, floor, '成员表单次扫描');
    const first = time1(() => db.transaction(() => runChecks(db, '基准', 2024))());
    report('checks run, all 23 rules (first run)', first, floor, '成员表单次扫描');
    report('checks run, all 23 rules (re-run)', timeMs(() => db.transaction(() => runChecks(db, '基准', 2024))(), 3), floor, '成员表单次扫描');
    const byRule = db.prepare('SELECT rule, count(*) AS n FROM check_findings GROUP BY rule ORDER BY rule').all() as Array<{ rule: string; n: number }>;
    process.stdout.write(`  findings: ${byRule.map((r) => `${r.rule} ${r.n}`).join(', ')}\n`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
