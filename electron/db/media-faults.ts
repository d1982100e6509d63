/**
 * Faults of the medium the ledger is on, told as what they are rather than as damage.
 *
 * A ledger on read-only media (a write-protected USB stick, a CD, a folder the user may not write,
 * an immutable file): SQLite cannot create the `-shm` file a read-only WAL connection needs, so a
 * plain read-only open fails with SQLITE_CANTOPEN and the steward was told the file was damaged
 * (issue #18 item 5). Nobody can write such a file, so opening it `immutable=1` (no locks, no
 * `-shm`) is true to it; `check`, every read and a backup from it then work.
 */
import { accessSync, constants, existsSync, statfsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../shared/errors.ts';
import { diskFullMessage } from '../../shared/humanize-error.ts';
import { pathToFileURL } from 'node:url';

// better-sqlite3 reads this once, when its native addon is first loaded (at the first open), so it
// is set while modules load. Only names that start with "file:" are read as URIs (openDatabase
// makes every other name absolute first, so a file called "file:x.db" is still a plain path).
process.env.SQLITE_USE_URI ??= '1';

/**
 * The error code that says why `path` (or the folder it is in) cannot be written — EROFS for
 * read-only media, EPERM/EACCES for an immutable or protected file — or null when it can be.
 */
export function unwritableCause(path: string): string | null {
  try {
    accessSync(dirname(path), constants.W_OK);
    if (existsSync(path)) accessSync(path, constants.W_OK);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? null : (code ?? 'EACCES');
  }
}

/** The URI that opens `path` as a file nobody changes while it is open. */
export function immutableUri(path: string): string {
  return `${pathToFileURL(resolve(path)).href}?immutable=1`;
}

/** The reason shown while a ledger on read-only media is open (the cause from systemReason). */
export function readOnlyMediaReason(cause: string): string {
  return `数据库所在的磁盘或文件夹不能写入（${cause}），已以只读方式打开：可以查看、检查、导出和备份到别处，不能修改。`;
}

/** Below this many free bytes a failed write is put down to the full disk (SQLite needs a few pages). */
const NEARLY_FULL_BYTES = 1024 * 1024;

function freeBytes(path: string): number | null {
  try {
    const s = statfsSync(existsSync(path) ? path : dirname(path));
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/**
 * Is `e` a write that failed because the disk holding `path` is full? SQLite says SQLITE_FULL while
 * writing pages but only SQLITE_IOERR_* when it cannot grow its -shm at open (then the free space
 * decides); Node says ENOSPC.
 */
export function isDiskFull(e: unknown, path: string): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return true;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_IOERR')) return false;
  const free = freeBytes(path);
  return free !== null && free < NEARLY_FULL_BYTES;
}

/** The Chinese error for a full disk: what did not happen and what to do. */
export function diskFullError(what: string): AppError {
  return new AppError('disk-full', diskFullMessage(what));
}
