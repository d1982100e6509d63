/**
 * The support log: dispatch and jobs write internal errors to the rotating file with no personal
 * data (an ID number and a name quoted by an error never reach it), the file rotates, the CLI logs
 * to stderr with --verbose, and CLI output into a closed pipe (`| head -1`) exits quietly.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/dispatch.ts';
import { handlers } from '../../../electron/services/index.ts';
import { configureLog, log, scrub } from '../../../electron/services/log.ts';
import type { Session } from '../../../electron/services/session.ts';
import { runCliProcess } from '../../helpers/cli.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';

const ID = '620422199001011234';
const NAME = '王秀英';
let t: TempDir;
let s: Session;

beforeAll(() => {
  t = tempDir();
  s = demoSession(t.path('ledger.db'));
});
afterEach(() => configureLog({}));
afterAll(async () => {
  await s.close();
  t.remove();
});

describe('log', () => {
  it('records an internal error from dispatch and a failed job without the ID number or the name', async () => {
    const file = t.path('logs/income-ledger.log');
    configureLog({ file });
    const broken = { ...handlers, 'ledger:find': () => { throw new TypeError(`cannot read member ${ID} (${NAME}) at row 12`); } };
    const env = await dispatch(broken, s.ctx, 'ledger:find', { q: '王', limit: 5 });
    expect(env.ok).toBe(false);
    const job = s.ctx.jobs.start('import:commit', async () => { throw new Error(`户主 ${NAME} 身份证 ${ID.slice(0, 6)} ${ID.slice(6)}`); });
    await expect(job.done).rejects.toThrow();
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('ERROR dispatch failed method="ledger:find" error="TypeError"');
    expect(text).toContain('cannot read member [digits] ([text]) at row 12');
    expect(text).toMatch(/ERROR job failed kind="import:commit" jobId="[-0-9a-f]+" ms=\d+ error="Error"/);
    expect(text).toContain('stack="at ');
    // Neither whole nor in the pieces the job's message split it into.
    for (const secret of [ID, ID.slice(0, 6), ID.slice(6), NAME, '王']) expect(text).not.toContain(secret);
  });

  it('does not log a refusal the user is shown, except at debug level', async () => {
    const file = t.path('logs/refusal.log');
    configureLog({ file });
    await dispatch(handlers, s.ctx, 'ledger:find', { q: '', limit: 5 });
    expect(existsSync(file) ? readFileSync(file, 'utf8') : '').toBe('');
  });

  it('rotates at the size limit and keeps a fixed number of files', () => {
    const dir = tempDir();
    try {
      configureLog({ file: dir.path('a.log'), maxBytes: 2_000, keep: 3 });
      for (let i = 0; i < 200; i++) log.info('job done', { kind: 'import', n: i });
      expect(readdirSync(dir.dir).sort()).toEqual(['a.log', 'a.log.1', 'a.log.2']);
      const newest = readFileSync(dir.path('a.log'), 'utf8');
      expect(newest).toContain('n=199');
      expect(newest.length).toBeLessThanOrEqual(2_000);
    } finally {
      dir.remove();
    }
  });

  it('scrubs digit runs of six or more and Chinese text, keeps the rest', () => {
    expect(scrub(`id ${ID} tel 139 3124 5678 row 12 year 2024 ${NAME}x`)).toBe('id [digits] tel [digits] row 12 year 2024 [text]x');
    expect(scrub('62042219900101123X')).toBe('[digits]');
  });

  it('logs to stderr from the CLI with --verbose, and not without', () => {
    const db = t.path('ledger.db');
    const csv = t.path('sheet.csv');
    writeFileSync(csv, `姓名,身份证号码\n${NAME},${ID}\n`);
    const quiet = runCliProcess(['import', csv, '--db', db, '--dry-run', '--operator', '测试员']);
    expect(quiet.stderr).not.toContain('job');
    const verbose = runCliProcess(['import', csv, '--db', db, '--dry-run', '--operator', '测试员', '--verbose']);
    expect(verbose.code).toBe(quiet.code);
    expect(verbose.stderr).toMatch(/INFO job started kind="import[a-z:-]*"/);
    expect(verbose.stderr).toMatch(/INFO job done kind="import[a-z:-]*" jobId="[-0-9a-f]+" ms=\d+/);
    expect(verbose.stderr).not.toContain(ID);
  });

  it('exits quietly when the reader of its output has gone (| head -1)', async () => {
    const cli = fileURLToPath(new URL('../../../electron/cli/main.ts', import.meta.url));
    const child = spawn(process.execPath, [cli, 'find', '--db', t.path('ledger.db'), '6204', '--limit', '200'], { stdio: ['ignore', 'pipe', 'pipe'] });
    // Closing the read end at once: every write the CLI makes goes into a pipe nobody reads.
    child.stdout.destroy();
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
  });
});
