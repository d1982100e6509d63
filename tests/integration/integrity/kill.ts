/** Runs a child process under test and SIGKILLs it a given time after its start marker. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
export { rng } from '../../../electron/demo/random.ts';

export interface KillOutcome {
  killed: boolean;
  /** From the start marker to the done marker (or the exit). */
  ms: number;
}

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** Spawns `node args…`; kills it `killAfterMs` after it printed "begin" (never, when null). */
export function runKillable(args: string[], killAfterMs: number | null, env: NodeJS.ProcessEnv = process.env): Promise<KillOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
    let started = Date.now();
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    let doneAt: number | null = null;
    let begun = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (doneAt === null && out.includes('committed')) doneAt = Date.now();
      if (!begun && out.includes('begin')) {
        begun = true;
        started = Date.now();
        if (killAfterMs !== null) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      const ms = (doneAt ?? Date.now()) - started;
      if (signal === 'SIGKILL') resolve({ killed: true, ms });
      else if (code === 0) resolve({ killed: false, ms });
      else reject(new Error(`child exited ${code}: ${err.slice(0, 2000)}`));
    });
  });
}
