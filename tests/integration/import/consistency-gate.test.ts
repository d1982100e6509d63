/**
 * The file-level consistency gate: a township file whose own 家庭纯收入 disagrees with the mapped
 * components on many rows is stopped before anything is written (preview says so, commit rolls
 * back, the CLI exits 1), unless the user accepts it, which is recorded in the batch and the audit
 * log. A disagreement on one row stays a row warning with both figures and the stored-figure rule.
 */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { importOne, snapshot } from './helpers.ts';

let tmp: TempDir;
let s: Session;
beforeEach(() => {
  tmp = tempDir('import-gate-');
  s = openSession(tmp.path('ledger.db'), { operator: '测试员' });
});
afterEach(async () => {
  await s.close();
  tmp.remove();
});

interface Hh { code: string; head: string; id: string; size: number; wage: number; property: number; transfer: number; net?: number }

function households(n: number): Hh[] {
  return Array.from({ length: n }, (_, i) => {
    const wage = 10_000 + i * 100;
    const property = 300;
    const transfer = 2_000 + i;
    return { code: `62042210100100${String(i + 10)}`, head: `户主${i}`, id: makeIdNumber('620422', `1970${String((i % 12) + 1).padStart(2, '0')}15`, 2 * i + 1), size: 3, wage, property, transfer };
  });
}

/** Household-level sheet, headers as a township writes them: 土地流转收入 and 各类补贴 are not catalogue names. */
async function writeFile(path: string, hh: Hh[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('郭城驿镇');
  ws.addRow(['会宁县郭城驿镇2024年脱贫户收入台账']);
  ws.addRow(['户编号', '户主姓名', '户主证件号码', '家庭人口数', '行政村', '务工收入（元）', '土地流转收入', '各类补贴', '家庭纯收入']);
  for (const h of hh) {
    const r = ws.addRow([h.code, h.head, h.id, h.size, '中大村', h.wage, h.property, h.transfer, h.net ?? h.wage + h.property + h.transfer]);
    r.getCell(1).numFmt = '@';
    r.getCell(3).numFmt = '@';
  }
  await wb.xlsx.writeFile(path);
}

const FULL_MAPPING = { 土地流转收入: 'property', 各类补贴: 'transfer' } as const;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe('file-level consistency gate', () => {
  it('stops a file whose 家庭纯收入 disagrees with the mapped parts on most rows, naming the unmapped columns', async () => {
    const file = tmp.path('郭城驿镇2024.xlsx');
    await writeFile(file, households(12));
    const p = await importOne(s, 'preview', file);
    const net = p.consistency.checks.find((c) => c.kind === 'net')!;
    expect(net).toMatchObject({ compared: 12, mismatched: 12, tripped: true });
    expect(net.samples[0]).toEqual({ sheet: '郭城驿镇', row: 3, inFile: '12300.00', computed: '10000.00' });
    expect(p.consistency.blocked).toBe(true);
    expect(p.consistency.explainedBy.map((u) => u.header)).toEqual(['土地流转收入', '各类补贴']);
    expect(p.consistency.message).toContain('文件“郭城驿镇2024.xlsx”');
    expect(p.consistency.message).toContain('在 12 户中有 12 户不一致');
    expect(p.consistency.message).toContain('“土地流转收入”（G 列）');

    const before = snapshot(s);
    const c = await importOne(s, 'commit', file);
    expect(c.batchId).toBeNull();
    expect(c.consistency.blocked).toBe(true);
    expect(snapshot(s)).toBe(before);
    expect(s.ctx.db.prepare('SELECT count(*) FROM households').pluck().get()).toBe(0);
  });

  it('imports once the mapping is completed, with every total agreeing', async () => {
    const file = tmp.path('郭城驿镇2024.xlsx');
    const hh = households(12);
    await writeFile(file, hh);
    const r = await importOne(s, 'commit', file, { mapping: FULL_MAPPING });
    expect(r.consistency).toMatchObject({ blocked: false, accepted: false, message: null });
    expect(r.consistency.checks.find((c) => c.kind === 'net')).toMatchObject({ compared: 12, mismatched: 0 });
    expect(r.batchId).toBeGreaterThan(0);
    const sum = s.ctx.db.prepare('SELECT sum(wage_fen + property_fen + transfer_fen) FROM income_records').pluck().get();
    expect(sum).toBe(hh.reduce((a, h) => a + (h.wage + h.property + h.transfer) * 100, 0));
  });

  it('records an explicit acceptance in the batch and the audit log', async () => {
    const file = tmp.path('郭城驿镇2024.xlsx');
    await writeFile(file, households(12));
    const r = await importOne(s, 'commit', file, { acceptMismatch: true } as never);
    expect(r.batchId).toBeGreaterThan(0);
    expect(r.consistency).toMatchObject({ blocked: false, accepted: true });
    expect(r.consistency.message).toContain('已按用户确认接受差异导入');
    const [b] = await s.call('import:batches', { limit: 1 });
    expect(b!.acceptedMismatch).toContain('在 12 户中有 12 户不一致');
    const audit = s.ctx.db.prepare(`SELECT operator, detail FROM audit_log WHERE action = 'import:accept-mismatch' AND batch_id = ?`).get(r.batchId) as { operator: string; detail: string };
    expect(audit.operator).toBe('测试员');
    expect(JSON.parse(audit.detail)).toMatchObject({ file: '郭城驿镇2024.xlsx', checks: [{ kind: 'net', compared: 12, mismatched: 12 }] });
  });

  it('keeps a disagreement on one row a warning with both figures and the rule of which is stored', async () => {
    const file = tmp.path('郭城驿镇2024.xlsx');
    const hh = households(12);
    hh[4]!.net = 99_999;
    await writeFile(file, hh);
    const r = await importOne(s, 'commit', file, { mapping: FULL_MAPPING });
    expect(r.batchId).toBeGreaterThan(0);
    const net = r.consistency.checks.find((c) => c.kind === 'net')!;
    expect(net).toMatchObject({ compared: 12, mismatched: 1, tripped: false });
    expect(net.rule).toContain('家庭纯收入按各项计算');
    const w = r.warnings.find((x) => x.code === 'net-mismatch')!;
    expect(w).toMatchObject({ row: 7, column: '家庭纯收入' });
    expect(w.message).toBe('家庭纯收入填 99999.00，按各项计算为 12704.00（台账按各项计算，保存 12704.00）');
  });

  it('CLI: exits 1 with the file-level error, 0 with --accept-mismatch; --json carries the report', async () => {
    await s.close();
    const db = tmp.path('ledger.db');
    const file = tmp.path('郭城驿镇2024.xlsx');
    await writeFile(file, households(12));
    const stopped = await cli('import', file, '--db', db, '--operator', '张干事');
    expect(stopped.code).toBe(1);
    expect(stopped.err).toMatch(/✗ 郭城驿镇2024\.xlsx：文件“郭城驿镇2024\.xlsx”的合计与列对应算出的结果不符/);
    expect(stopped.out).toContain('合计不一致，已停止，未写入');
    const json = await cli('import', file, '--db', db, '--dry-run', '--json');
    expect(json.code).toBe(1);
    const [d] = JSON.parse(json.out) as Array<{ consistency: { blocked: boolean } }>;
    expect(d!.consistency.blocked).toBe(true);
    const accepted = await cli('import', file, '--db', db, '--accept-mismatch', '--operator', '张干事');
    expect(accepted.code).toBe(0);
    expect(accepted.out).toMatch(/批次 #\d+/);
    s = openSession(db, { operator: '测试员' });
  });
});
