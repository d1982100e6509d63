/**
 * Invisible characters in a township cell (a zero-width space and a bidi override in a name) are
 * removed by the text normalisation — and the preview says so, per cell, with the count, so nothing
 * changes silently (#18). The committed name is the cleaned one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFileFailure } from '../../../shared/api/import.ts';
import type { Session } from '../../../electron/services/session.ts';
import { invisibleCount } from '../../../electron/import/check/invisible.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';
import { writeTownshipWorkbook } from '../integrity/workbooks.ts';

let t: TempDir;
let s: Session;

beforeEach(() => {
  t = tempDir('ledger-invisible-');
  s = demoSession(t.path('ledger.db'));
});

afterEach(async () => {
  await s.close();
  t.remove();
});

describe('invisible characters in imported cells', () => {
  it('counts what normalising changes', () => {
    expect(invisibleCount('张三')).toBe(0);
    expect(invisibleCount('张\u200B三\u202E')).toBe(2);
    expect(invisibleCount('周\uD800吴')).toBe(1);
  });

  it('warns in the preview with the count, and stores the cleaned name', async () => {
    const file = t.path('郭城驿镇.xlsx');
    await writeTownshipWorkbook(file, 3, { firstHeadName: '张\u200B建\u202E国' });
    const { jobId } = await s.call('import:preview', { paths: [file] });
    const [preview] = await s.call('import:result', { jobId });
    if (!preview || isFileFailure(preview)) throw new Error(JSON.stringify(preview));
    const hits = preview.warnings.filter((w) => w.code === 'invisible-chars');
    // Row 3 (after the title and header rows): both the 户主姓名 and the 姓名 cell.
    expect(hits.map((w) => [w.row, w.column])).toEqual([[3, '户主姓名'], [3, '姓名']]);
    expect(hits[0]?.message).toContain('2 个看不见的字符');

    const named = (): number => s.ctx.db.prepare("SELECT count(*) FROM members WHERE name = '张建国'").pluck().get() as number;
    const before = named();
    const commit = await s.call('import:commit', { paths: [file] });
    const [done] = await s.call('import:result', { jobId: commit.jobId });
    if (!done || isFileFailure(done)) throw new Error(JSON.stringify(done));
    expect(done.warnings.some((w) => w.code === 'invisible-chars')).toBe(true);
    expect(named()).toBe(before + 1);
    expect(s.ctx.db.prepare('SELECT count(*) FROM members WHERE instr(name, char(8203)) > 0 OR instr(name, char(8238)) > 0').pluck().get()).toBe(0);
  });
});
