/**
 * Real read-only and full media for the fault tests, without touching the machine: each run is a
 * shell in its own mount namespace (`unshare -m`, root only) that mounts a small tmpfs over a
 * folder, copies files in, optionally fills it or remounts it read-only, then runs CLI commands.
 * The mount disappears with the namespace, so everything about the medium (what the command left
 * there) is listed from inside, after the commands.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../electron/cli/main.ts', import.meta.url));

export interface MediumSpec {
  /** Folder the tmpfs is mounted over (created if missing). */
  dir: string;
  sizeKb: number;
  /** [source file, name on the medium] copied in before the commands. */
  files?: Array<[string, string]>;
  /** Fill the medium with a filler file, leaving this many KB free (0: completely full). */
  leaveFreeKb?: number;
  readOnly?: boolean;
}

export interface CommandRun {
  code: number;
  out: string;
}

export interface MediumRun {
  runs: CommandRun[];
  /** What is on the medium after the commands (the filler file left out), `name size` per line. */
  listing: string[];
}

const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** Why this machine cannot mount a tmpfs in a private namespace, or null when it can. */
export function mountUnavailable(dir: string): string | null {
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', `mount -t tmpfs -o size=64k tmpfs ${q(dir)}`], { encoding: 'utf8' });
  if (r.error) return `unshare 不可用：${r.error.message}`;
  return r.status === 0 ? null : `不能挂载 tmpfs（需要 root）：${r.stderr.trim()}`;
}

function setupScript(m: MediumSpec): string[] {
  const lines = [`mount -t tmpfs -o size=${m.sizeKb}k tmpfs ${q(m.dir)} || exit 97`];
  for (const [src, name] of m.files ?? []) lines.push(`cp ${q(src)} ${q(`${m.dir}/${name}`)} || exit 98`);
  if (m.leaveFreeKb !== undefined) {
    // dd stops at ENOSPC; then give back what is to stay free (tmpfs counts 4 KB pages).
    lines.push(`dd if=/dev/zero of=${q(`${m.dir}/.filler`)} bs=4k 2>/dev/null; true`);
    if (m.leaveFreeKb > 0) lines.push(`truncate -s -${m.leaveFreeKb}K ${q(`${m.dir}/.filler`)}`);
  }
  if (m.readOnly) lines.push(`mount -o remount,ro ${q(m.dir)} || exit 99`);
  return lines;
}

/** Runs each command (CLI arguments) on the medium, in order, and lists the medium afterwards. */
export function onMedium(m: MediumSpec, commands: string[][]): MediumRun {
  mkdirSync(m.dir, { recursive: true });
  const lines = setupScript(m);
  for (const args of commands) {
    // ['@free']: remove the filler, as a steward would clear the disk before trying again.
    if (args[0] === '@free') {
      lines.push(`echo '@@run'; rm -f ${q(`${m.dir}/.filler`)}; echo "@@code $?"`);
      continue;
    }
    lines.push(`echo '@@run'; ${q(process.execPath)} ${q(CLI)} ${args.map(q).join(' ')} 2>&1; echo "@@code $?"`);
  }
  lines.push(`echo '@@listing'; cd ${q(m.dir)} && find . -type f ! -name .filler -printf '%P %s\\n' | sort`);
  const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', lines.join('\n')], { encoding: 'utf8', timeout: 300_000, env: process.env });
  if (r.status !== 0) throw new Error(`medium setup failed (${r.status}): ${r.stderr}${r.stdout}`);
  const [runsPart = '', listingPart = ''] = r.stdout.split('@@listing\n');
  const runs = runsPart.split('@@run\n').slice(1).map((chunk) => {
    const m2 = /@@code (\d+)\n?$/.exec(chunk);
    return { code: m2 ? Number(m2[1]) : -1, out: chunk.replace(/@@code \d+\n?$/, '') };
  });
  return { runs, listing: listingPart.split('\n').filter(Boolean) };
}
