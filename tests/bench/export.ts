/**
 * `ledger` export at city scale (37万 member rows of 2024) against a floor measured in the same run:
 * exceljs's bare streaming writer (no styles, no title or header, inline strings like ours) writing
 * the same query's rows as SQLite returns them (in one sorted query; the form reads 500 households
 * at a time so SQLite never sorts the whole city). Memory is sampled while each runs; the form's peak
 * should not grow with the rows written (compare the heap at 10 % and at the end), because rows are
 * committed and the zip stream drains as they go.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../electron/db/connection.ts';
import { runExport } from '../../electron/export/run.ts';
import { cityDemoPath } from './util.ts';

const YEAR = 2024;
const MB = 1024 * 1024;

interface Sample {
  ms: number;
  /** CPU time of the process (all threads, zlib included): steadier than wall time on a shared machine. */
  cpuMs: number;
  rows: number;
  peakRss: number;
  peakHeap: number;
  /** Heap and RSS once ~10 % of the rows were written, and near the end: equal when memory is flat. */
  heapEarly: number;
  heapLate: number;
  rssEarly: number;
  rssLate: number;
  bytes: number;
}

/** Samples memory every 50 ms while `work` runs (the writers yield to the event loop every 2,000 rows). */
async function measure(work: (progress: (rows: number, total: number | null) => void) => Promise<number>, out: string): Promise<Sample> {
  let peakRss = 0;
  let peakHeap = 0;
  let heapEarly = 0;
  let heapLate = 0;
  let rssEarly = 0;
  let rssLate = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  const timer = setInterval(sample, 50);
  const cpu = process.cpuUsage();
  const t = process.hrtime.bigint();
  const rows = await work((done, total) => {
    sample();
    const m = process.memoryUsage();
    if (total && heapEarly === 0 && done >= total / 10) [heapEarly, rssEarly] = [m.heapUsed, m.rss];
    if (total && done >= total * 0.95) [heapLate, rssLate] = [m.heapUsed, m.rss];
  });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  const used = process.cpuUsage(cpu);
  clearInterval(timer);
  sample();
  return { ms, cpuMs: (used.user + used.system) / 1000, rows, peakRss, peakHeap, heapEarly, heapLate, rssEarly, rssLate, bytes: statSync(out).size };
}

/** Every household and member field and the year's incomes, one joined row per member, in the form's order. */
const FLOOR_SQL = `SELECT h.id AS hid, c.name AS county, t.name AS township, v.name AS village, h.group_name, h.code, h.head_name, h.head_id_number AS head_id,
    r.size, h.household_type, h.poverty_attribute, h.monitoring_category, h.risk_types, h.identified_ym, h.risk_eliminated,
    h.elimination_method, h.eliminated_ym, h.relocated, h.phone AS hphone, h.note,
    m.name, m.id_number, m.id_type, m.id_extra, m.person_code, m.relation, m.sex, m.birth_date, m.labour, m.health, m.education,
    m.student_status, m.work_place_class, m.work_months, m.welfare_post, m.phone AS mphone,
    r.year, r.wage_fen AS wage, r.welfare_post_wage_fen AS post_wage, r.business_gross_fen AS gross, r.business_expense_fen AS expense,
    r.property_fen AS property, r.transfer_fen AS transfer, r.net_fen AS net
  FROM income_records r
  JOIN households h ON h.id = r.household_id
  JOIN members m ON m.household_id = h.id
  LEFT JOIN regions c ON c.code = h.county_code
  LEFT JOIN regions t ON t.code = h.township_code
  LEFT JOIN regions v ON v.code = h.village_code
  WHERE r.year = @year
  ORDER BY h.township_code, h.village_code, h.code, m.relation <> '户主', m.id`;

async function bareFloor(dbPath: string, out: string, progress: (rows: number, total: number | null) => void): Promise<number> {
  const db = openDatabase(dbPath, { readonly: true });
  try {
    const total = (db.prepare('SELECT count(*) AS n FROM income_records r JOIN members m ON m.household_id = r.household_id WHERE r.year = ?').get(YEAR) as { n: number }).n;
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
    const ws = wb.addWorksheet(`${YEAR}年`);
    let n = 0;
    for (const r of db.prepare(FLOOR_SQL).iterate({ year: YEAR }) as IterableIterator<Record<string, unknown>>) {
      ws.addRow(Object.values(r)).commit();
      if (++n % 2_000 === 0) {
        progress(n, total);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    ws.commit();
    await wb.commit();
    return n;
  } finally {
    db.close();
  }
}

function line(label: string, s: Sample, floor?: Sample): string {
  const ratio = floor ? `   ratio ${(s.ms / floor.ms).toFixed(3)} ×（CPU ${(s.cpuMs / floor.cpuMs).toFixed(3)} ×）裸流式写出` : '';
  return `${label.padEnd(30)} ${(s.ms / 1000).toFixed(1).padStart(6)} s（CPU ${(s.cpuMs / 1000).toFixed(1)} s）  ${s.rows} 行  ${(s.bytes / MB).toFixed(1)} MB 文件  ` +
    `峰值 RSS ${(s.peakRss / MB).toFixed(0)} MB（10% 时 ${(s.rssEarly / MB).toFixed(0)}，末尾 ${(s.rssLate / MB).toFixed(0)}）/ 堆 ${(s.peakHeap / MB).toFixed(0)} MB（10% 时 ${(s.heapEarly / MB).toFixed(0)}，末尾 ${(s.heapLate / MB).toFixed(0)}）${ratio}\n`;
}

type Kind = 'floor' | 'form';

/** One measurement in this process (the child side). */
async function measureOne(kind: Kind): Promise<Sample> {
  const dbPath = cityDemoPath();
  const out = join(tmpdir(), 'income-ledger-bench', `${kind}.xlsx`);
  try {
    if (kind === 'floor') return await measure((p) => bareFloor(dbPath, out, p), out);
    return await measure(async (p) => (await runExport(dbPath, 'ledger', out, { year: YEAR }, { progress: (_s, done, total) => p(done, total) })).rows, out);
  } finally {
    rmSync(out, { force: true });
  }
}

/** Each run in a fresh process, so one run's memory (RSS never shrinks back) is not charged to the next. */
function child(kind: Kind): Sample {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--one', kind], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{')) throw new Error(`bench child ${kind} failed: ${r.stderr.slice(-2000)}`);
  return JSON.parse(last) as Sample;
}

export async function run(): Promise<void> {
  cityDemoPath();
  process.stdout.write(`\n== export ledger（城市规模，${YEAR} 年）==\n`);
  // Floor, form, floor, form: each figure is the better of two runs, so neither side is flattered
  // by a warm cache or hurt by a busy moment on a shared machine.
  const floors: Sample[] = [];
  const forms: Sample[] = [];
  for (let i = 0; i < 2; i++) {
    floors.push(child('floor'));
    forms.push(child('form'));
  }
  const best = (xs: Sample[]): Sample => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
  const floor = best(floors);
  process.stdout.write(line('裸流式写出（exceljs，无样式）', floor));
  process.stdout.write(line('export ledger（完整表单）', best(forms), floor));
  await Promise.resolve();
}

const self = process.argv[1] === fileURLToPath(import.meta.url);
const one = process.argv.indexOf('--one');
if (self && one > 0) process.stdout.write(`${JSON.stringify(await measureOne(process.argv[one + 1] as Kind))}\n`);
else if (self) await run();
