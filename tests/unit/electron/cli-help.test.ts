/** `--help` is a success printed on stdout; no or an unknown command is bad usage (exit 2, stderr). */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/main.ts';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('CLI help', () => {
  it.each([['--help'], ['-h'], ['help']])('%s exits 0 with the usage on stdout', async (flag) => {
    const r = await run([flag]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^用法：npm run cli -- <命令>[\s\S]*stats --db FILE/);
  });

  it('exits 2 with the usage on stderr for a missing or unknown command', async () => {
    expect(await run([])).toMatchObject({ code: 2, out: '' });
    const r = await run(['statz']);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/^未知命令：statz[\s\S]*用法/);
  });
});
