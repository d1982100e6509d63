/**
 * Read-only media and a full disk, for real (issue #18 item 5): a tmpfs in a private mount namespace
 * (tests/integration/integrity/mount.ts), remounted read-only or filled to the last page, and the
 * real CLI run on it. A read-only ledger can be checked, read and backed up elsewhere, and a write
 * says why it cannot be made; a full disk is named as such (never as a damaged file), leaves nothing
 * under a final name, and the ledger is intact once space is freed.
 */
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReadableMessage } from '../../../shared/humanize-error.ts';
import { openSession } from '../../../electron/services/session.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { countsOfFile, integrityOfFile } from './helpers.ts';
import { mountUnavailable, onMedium } from './mount.ts';
import { writeTownshipWorkbook } from './workbooks.ts';

let t: TempDir;
let ledger: string;
let household: string;
let workbook: string;
let badWorkbook: string;
let unavailable: string | null = 'not probed';

beforeAll(async () => {
  t = tempDir('ledger-media-');
  unavailable = mountUnavailable(t.path('probe'));
  ledger = makeDemoDb(t.path('ledger.db'));
  // A session turns the file to WAL (the live ledger's mode) and adds keyed audit entries + the anchor.
  const s = openSession(ledger, { operator: '测试员' });
  await s.call('settings:set', { operator: '测试员' });
  household = s.ctx.db.prepare('SELECT code FROM households ORDER BY code LIMIT 1').pluck().get() as string;
  await s.close();
  workbook = t.path('郭城驿镇.xlsx');
  await writeTownshipWorkbook(workbook, 1000);
  badWorkbook = t.path('有错误的表.xlsx');
  await writeTownshipWorkbook(badWorkbook, 20, { firstHeadName: '' });
}, 300_000);

afterAll(() => t.remove());

const ro = (): Parameters<typeof onMedium>[0] => ({
  dir: t.path('ro'), sizeKb: 16 * 1024, readOnly: true,
  files: [[ledger, 'ledger.db'], [`${ledger}.audit-anchor`, 'ledger.db.audit-anchor']],
});

describe('a ledger on read-only media', () => {
  it('is checked, read, audited and backed up elsewhere; a write says the disk is read-only', ({ skip }) => {
    if (unavailable) skip(unavailable);
    const db = `${t.path('ro')}/ledger.db`;
    const backup = t.path('ro-backup.db');
    const out = t.path('ro-export.xlsx');
    const { runs, listing } = onMedium(ro(), [
      ['check', '--db', db],
      ['stats', '--db', db],
      ['audit', '--db', db, '--verify'],
      ['find', '--db', db, household],
      ['backup', '--db', db, '--out', backup, '--operator', '测试员'],
      ['export', 'income-summary', '--db', db, '--out', out, '--operator', '测试员'],
      ['case', 'open', '--db', db, '--household', household, '--source', '排查', '--operator', '测试员'],
    ]);
    const [check, stats, audit, find, back, exp, write] = runs.map((r) => r!);
    expect(check, check?.out).toMatchObject({ code: 0 });
    expect(check!.out).toContain('完整性检查（integrity_check）：通过');
    expect(check!.out).toMatch(/审计日志哈希链：完好（\d+ 条）/);
    expect(stats!.code, stats!.out).toBe(0);
    expect(stats!.out).toContain('会宁县');
    expect(audit!.code, audit!.out).toBe(0);
    expect(find!.code, find!.out).toBe(0);
    expect(back!.code, back!.out).toBe(0);
    expect(back!.out).toContain('磁盘为只读');
    expect(integrityOfFile(backup)).toEqual(['ok']);
    expect(countsOfFile(backup).households).toBe(countsOfFile(ledger).households);
    expect(exp!.code, exp!.out).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(0);
    expect(write!.code).not.toBe(0);
    expect(write!.out).toContain('数据库当前不能修改：数据库所在的磁盘或文件夹不能写入（磁盘为只读）');
    expect(write!.out).not.toContain('损坏');
    // Nothing was added to the medium (it could not be), and the files are as copied.
    expect(listing).toEqual([`ledger.db ${statSync(ledger).size}`, `ledger.db.audit-anchor ${statSync(`${ledger}.audit-anchor`).size}`]);
  });

  it('an immutable folder (chattr +i on ext4, which holds even for root) is read the same way', ({ skip }) => {
    const dir = t.path('immutable');
    spawnSync('mkdir', ['-p', dir]);
    copyFileSync(ledger, `${dir}/ledger.db`);
    const set = spawnSync('chattr', ['+i', dir], { encoding: 'utf8' });
    if (set.status !== 0) skip(`chattr +i 不可用：${set.stderr || set.error?.message}`);
    try {
      const check = runCliProcess(['check', '--db', `${dir}/ledger.db`]);
      expect(check.code, check.stderr).toBe(0);
      expect(check.stdout).toContain('完整性检查（integrity_check）：通过');
      const write = runCliProcess(['case', 'open', '--db', `${dir}/ledger.db`, '--household', household, '--source', '排查', '--operator', '测试员']);
      expect(write.code).not.toBe(0);
      expect(write.stderr).toContain('数据库当前不能修改：数据库所在的磁盘或文件夹不能写入');
    } finally {
      spawnSync('chattr', ['-i', dir]);
    }
  });
});

describe('a full disk', () => {
  it('holding the ledger: opening says the disk is full, not that the file is damaged', ({ skip }) => {
    if (unavailable) skip(unavailable);
    const db = `${t.path('full')}/ledger.db`;
    const { runs } = onMedium({ dir: t.path('full'), sizeKb: 8 * 1024, leaveFreeKb: 0, files: [[ledger, 'ledger.db']] }, [
      ['stats', '--db', db],
      ['check', '--db', db],
      ['@free'],
      ['check', '--db', db],
    ]);
    for (const r of runs.slice(0, 2)) {
      expect(r.code, r.out).not.toBe(0);
      expect(r.out).toContain('磁盘空间已满');
      expect(r.out).not.toContain('损坏');
      expect(isReadableMessage(r.out), r.out).toBe(true);
    }
    expect(runs[3]!.code, runs[3]!.out).toBe(0);
  });

  it('holding the outputs: export, report, backup and the error workbook fail clearly and leave no file', ({ skip }) => {
    if (unavailable) skip(unavailable);
    const m = t.path('full-out');
    const { runs, listing } = onMedium({ dir: m, sizeKb: 64, leaveFreeKb: 0 }, [
      ['export', 'income-summary', '--db', ledger, '--out', `${m}/收入情况统计表.xlsx`, '--operator', '测试员'],
      ['export', 'ledger', '--db', ledger, '--out', `${m}/台账.xlsx`, '--operator', '测试员'],
      ['report', '--db', ledger, '--out', `${m}/分析报告.docx`, '--operator', '测试员'],
      ['backup', '--db', ledger, '--out', `${m}/备份.db`, '--operator', '测试员'],
      ['import', badWorkbook, '--db', ledger, '--dry-run', '--errors-out', `${m}/错误说明.xlsx`, '--operator', '测试员'],
    ]);
    for (const r of runs) {
      expect(r.code, r.out).not.toBe(0);
      expect(r.out, r.out).toMatch(/磁盘空间(已满|不足)/);
    }
    expect(listing).toEqual([]);
    expect(integrityOfFile(ledger)).toEqual(['ok']);
  });

  it('filling up during an import: the import is refused as a full disk and the ledger is unchanged', ({ skip }) => {
    if (unavailable) skip(unavailable);
    const m = t.path('nearly-full');
    const db = `${m}/ledger.db`;
    const size = Math.ceil(statSync(ledger).size / 1024);
    // Room for the automatic backup taken before an import, not for the import's own pages.
    const { runs, listing } = onMedium({ dir: m, sizeKb: size * 3, leaveFreeKb: size + 256, files: [[ledger, 'ledger.db']] }, [
      ['import', workbook, '--db', db, '--operator', '测试员'],
      ['@free'],
      ['check', '--db', db],
      ['batches', '--db', db, '--json'],
    ]);
    const [imp, , check, batches] = runs;
    expect(imp!.code, imp!.out).not.toBe(0);
    expect(imp!.out).toContain('磁盘空间已满');
    expect(imp!.out).not.toMatch(/已取消|损坏/);
    // The backup before the import fitted: it was the import's own pages that found the disk full.
    expect(imp!.out).not.toContain('备份写入');
    expect(listing.some((l) => /^backups\/.+\.db \d+$/.test(l)), listing.join('\n')).toBe(true);
    expect(check!.code, check!.out).toBe(0);
    expect(JSON.parse(batches!.out)).toEqual([]);
    expect(listing.filter((l) => /\.tmp|\.part/.test(l))).toEqual([]);
    expect(existsSync(ledger)).toBe(true);
  });
});

