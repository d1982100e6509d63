/** `find` in a child process, as a steward runs it: the same hits as the search box, IDs masked. */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../shared/api/ledger.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';

let tmp: TempDir;
let db: string;
let sample: { name: string; id_number: string; code: string };
beforeAll(() => {
  tmp = tempDir();
  db = makeDemoDb(tmp.path('small.db'), 'small');
  const raw = new Database(db, { readonly: true });
  sample = raw.prepare('SELECT m.name, m.id_number, h.code FROM members m JOIN households h ON h.id = m.household_id WHERE m.id = 321').get() as typeof sample;
  raw.close();
});
afterAll(() => tmp.remove());

describe('CLI: find', () => {
  it('finds a household by full ID as JSON, with the ID masked', () => {
    const r = runCliProcess(['find', '--db', db, sample.id_number.toLowerCase(), '--json']);
    expect(r.code).toBe(0);
    const hits = JSON.parse(r.stdout) as SearchHit[];
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ householdCode: sample.code, memberName: sample.name, matchedBy: '身份证号' });
    expect(r.stdout).not.toContain(sample.id_number);
  });

  it('prints a table for the last digits and for a name', () => {
    const tail = runCliProcess(['find', '--db', db, sample.id_number.slice(-6)]);
    expect(tail.code).toBe(0);
    expect(tail.stdout).toContain(sample.code);
    expect(tail.stdout).toMatch(/身份证尾号/);
    const name = runCliProcess(['find', '--db', db, sample.name]);
    expect(name.stdout).toContain(sample.code);
    expect(name.stdout).toMatch(/共 \d+ 户/);
  });

  it('exits 1 when nothing matches and 2 on bad usage, in Chinese', () => {
    const none = runCliProcess(['find', '--db', db, '查无此人']);
    expect(none.code).toBe(1);
    expect(none.stdout).toMatch(/没有找到/);
    const missing = runCliProcess(['find', '--db', db]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/缺少要查找的内容/);
    const nofile = runCliProcess(['find', '--db', tmp.path('nope.db'), '张']);
    expect(nofile.code).toBe(2);
    expect(nofile.stderr).toMatch(/不存在/);
  });
});
