/**
 * Integrity of the live database: SQLite's own checks, and the rule that the live file sits on a
 * local disk. WAL needs shared memory between processes on one host and does not work over a
 * network filesystem (sqlite.org/wal.html); some network filesystems even accept `journal_mode=WAL`
 * and then fail at the first write. So a network path is refused before the file is opened.
 * The decision is a pure function over facts gathered by `gatherPathFacts`, so it is unit-tested
 * on every platform without mounting anything.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import type { Db } from './types.ts';

export interface CheckResult {
  ok: boolean;
  kind: 'quick' | 'full';
  /** SQLite's own lines (at most 20), empty when ok. */
  problems: string[];
  ms: number;
}

/** `PRAGMA quick_check` (O(N), skips index/table cross-checks) or the full `integrity_check`. */
export function checkIntegrity(db: Db, kind: 'quick' | 'full' = 'quick'): CheckResult {
  const started = performance.now();
  const pragma = kind === 'quick' ? 'quick_check(20)' : 'integrity_check(20)';
  let lines: string[];
  try {
    // One result row may hold several newline-separated findings; keep 20 short lines for messages.
    lines = (db.pragma(pragma) as Array<Record<string, string>>)
      .flatMap((r) => String(Object.values(r)[0]).split('\n'))
      .slice(0, 20)
      .map((l) => (l.length > 300 ? `${l.slice(0, 300)}…` : l));
  } catch (e) {
    // A badly damaged file makes the pragma itself throw (SQLITE_CORRUPT / NOTADB).
    lines = [(e as Error).message];
  }
  const ok = lines.length === 1 && lines[0] === 'ok';
  return { ok, kind, problems: ok ? [] : lines, ms: Math.round(performance.now() - started) };
}

export interface MountEntry {
  mountPoint: string;
  fsType: string;
}

export interface PathFacts {
  platform: NodeJS.Platform;
  /** Absolute path of the database file (symlinks resolved where possible). */
  path: string;
  /** Linux /proc/mounts or macOS `mount` entries; empty when unknown. */
  mounts: MountEntry[];
  /** Windows drive letters mapped to network shares, e.g. ['Z:']. */
  networkDrives: string[];
}

export type PathDecision = { ok: true } | { ok: false; reason: string };

const NETWORK_FS = new Set([
  'nfs', 'nfs4', 'cifs', 'smb', 'smb2', 'smb3', 'smbfs', 'ncpfs', 'afs', 'ceph', 'glusterfs', 'lustre',
  'gpfs', 'davfs', 'webdav', '9p', 'fuse.sshfs', 'fuse.davfs2', 'fuse.glusterfs', 'fuse.cephfs', 'fuse.rclone', 'afpfs',
]);

function isNetworkFsType(fsType: string): boolean {
  const t = fsType.toLowerCase();
  return NETWORK_FS.has(t) || t.startsWith('nfs') || t.startsWith('smb');
}

/** The mount holding `path`: the longest mount point that is a whole-component prefix of it. */
export function mountFor(path: string, mounts: MountEntry[]): MountEntry | null {
  let best: MountEntry | null = null;
  for (const m of mounts) {
    const mp = m.mountPoint === '/' ? '/' : m.mountPoint.replace(/\/+$/, '');
    const inside = mp === '/' || path === mp || path.startsWith(`${mp}/`);
    if (inside && (!best || mp.length > best.mountPoint.length)) best = { mountPoint: mp, fsType: m.fsType };
  }
  return best;
}

const NETWORK_MESSAGE = '数据库必须放在本机硬盘上：网络共享盘不支持本软件使用的预写日志（WAL），多人同时打开或网络中断都可能损坏数据。请把数据库复制到本机（如“文档”文件夹）后再打开；备份文件可以存到网络盘或U盘。';

/** Pure: is this path acceptable for the live database? */
export function decideDbPath(f: PathFacts): PathDecision {
  if (f.platform === 'win32') {
    const p = f.path.replace(/\//g, '\\');
    // \\server\share\… and \\?\UNC\server\share\… are network paths; \\?\C:\… and \\.\C:\… are local.
    if (/^\\\\\?\\UNC\\/i.test(p) || (/^\\\\[^?.\\]/.test(p))) {
      return { ok: false, reason: `${NETWORK_MESSAGE}（当前路径 ${f.path} 是网络共享路径）` };
    }
    const drive = /^(?:\\\\[?.]\\)?([A-Za-z]:)/.exec(p)?.[1]?.toUpperCase();
    if (drive && f.networkDrives.some((d) => d.toUpperCase().startsWith(drive))) {
      return { ok: false, reason: `${NETWORK_MESSAGE}（${drive} 是映射的网络驱动器）` };
    }
    return { ok: true };
  }
  const m = mountFor(f.path, f.mounts);
  if (m && isNetworkFsType(m.fsType)) {
    return { ok: false, reason: `${NETWORK_MESSAGE}（${m.mountPoint} 是网络文件系统 ${m.fsType}）` };
  }
  return { ok: true };
}

/** Parses /proc/mounts (octal escapes such as \040 for a space are decoded). */
export function parseProcMounts(text: string): MountEntry[] {
  const unescape = (s: string): string => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  return text
    .split('\n')
    .map((line) => line.split(' '))
    .filter((parts) => parts.length >= 3)
    .map((parts) => ({ mountPoint: unescape(parts[1] ?? ''), fsType: parts[2] ?? '' }));
}

/** Parses macOS/BSD `mount` output: `//u@srv/share on /Volumes/share (smbfs, nodev, …)`. */
export function parseBsdMount(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const m = / on (.+) \(([^,)]+)/.exec(line);
    if (m?.[1] && m[2]) out.push({ mountPoint: m[1], fsType: m[2].trim() });
  }
  return out;
}

/** Parses `net use` output: lines holding a drive letter followed by a \\server\share. */
export function parseNetUse(text: string): string[] {
  const drives: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /(?:^|\s)([A-Za-z]:)\s+\\\\/.exec(line);
    if (m?.[1]) drives.push(m[1].toUpperCase());
  }
  return drives;
}

function quietExec(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout: 3000, windowsHide: true, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}

/** Collects the facts for `decideDbPath` from the running system. */
export function gatherPathFacts(path: string, platform: NodeJS.Platform = process.platform): PathFacts {
  let abs = resolve(path);
  try {
    // The file may not exist yet; its folder must, so resolve symlinks there.
    abs = existsSync(abs) ? realpathSync(abs) : resolve(realpathSync(dirname(abs)), abs.slice(dirname(abs).length + 1));
  } catch {
    // Unresolvable folder: opening will fail with its own clear error.
  }
  if (platform === 'win32') {
    const needsLookup = /^[A-Za-z]:/.test(abs);
    return { platform, path: abs, mounts: [], networkDrives: needsLookup ? parseNetUse(quietExec('net', ['use'])) : [] };
  }
  if (platform === 'linux' && existsSync('/proc/mounts')) {
    return { platform, path: abs, mounts: parseProcMounts(readFileSync('/proc/mounts', 'utf8')), networkDrives: [] };
  }
  return { platform, path: abs, mounts: parseBsdMount(quietExec('mount', [])), networkDrives: [] };
}

/** Throws 'db-network-path' when the live database would sit on a network drive. */
export function assertLocalDbPath(path: string): void {
  const decision = decideDbPath(gatherPathFacts(path));
  if (!decision.ok) throw new AppError('db-network-path', decision.reason);
}
