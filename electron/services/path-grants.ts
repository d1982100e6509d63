/**
 * No window-chosen paths (#18 item 7). A compromised renderer must not be able to name a file to
 * overwrite, restore from or import: every path a window call carries must be one the main process
 * itself handed out — returned by a dialog it showed, named in a result it produced, or (for a
 * restore) an automatic backup in the ledger's own backup folder. The CLI and tests call the session
 * directly (`call`), where the user typed the path; only `dispatchFromWindow` is checked here.
 */
import { dirname, resolve } from 'node:path';
import type { MethodName } from '../../shared/api/index.ts';
import { AppError } from '../../shared/errors.ts';
import { backupDirFor } from '../db/backup.ts';
import type { Platform } from './context.ts';

/**
 * Every argument of the API table that names a file. A test walks the table and fails when a method
 * gains a path-like argument that is not listed here, so a new method cannot slip past the check.
 */
export const WINDOW_PATH_ARGS: Readonly<Partial<Record<MethodName, readonly string[]>>> = {
  'system:backup': ['path'],
  'system:restore': ['path'],
  'system:describeBackup': ['path'],
  'export:showInFolder': ['path'],
  'matrix:export': ['out'],
  'import:preview': ['paths'],
  'import:commit': ['paths'],
  'import:errorWorkbook': ['path', 'out'],
  'checks:add-source': ['path'],
  'checks:export-township': ['out'],
  'checks:answer': ['path'],
  'crypt:saveRecoveryKey': ['path'],
  'cases:exportNotice': ['out'],
  'campaign:exportBulletin': ['out'],
  'cases:exportFile': ['out'],
  'cases:exportMonthly': ['out'],
};

/** The paths this session's main process has handed to the window. */
export class PathGrants {
  private readonly granted = new Set<string>();
  private readonly dbPath: string;
  constructor(dbPath: string) {
    this.dbPath = dbPath;
  }

  grant(path: string): void {
    this.granted.add(path);
  }

  /** Grants every top-level `path` string of a result the main process produced (export, backup…). */
  grantResult(data: unknown): void {
    if (data === null || typeof data !== 'object') return;
    const items = Array.isArray(data) ? data : [data];
    for (const item of items.slice(0, 1000)) {
      const p = (item as { path?: unknown } | null)?.path;
      if (typeof p === 'string') this.grant(p);
    }
  }

  private allowed(method: MethodName, path: string): boolean {
    if (this.granted.has(path)) return true;
    // The backup list shows the automatic backups the main process made; restoring or describing one is allowed.
    return (method === 'system:restore' || method === 'system:describeBackup') && this.dbPath !== ':memory:' && dirname(resolve(path)) === resolve(backupDirFor(this.dbPath));
  }

  /** Throws 'forbidden-sender' naming the file when a window call carries a path it was not given. */
  check(method: MethodName, args: unknown): void {
    const keys = WINDOW_PATH_ARGS[method];
    if (!keys || args === null || typeof args !== 'object') return;
    for (const key of keys) {
      const value = (args as Record<string, unknown>)[key];
      const paths = Array.isArray(value) ? value : value === undefined ? [] : [value];
      for (const p of paths) {
        if (typeof p === 'string' && this.allowed(method, p)) continue;
        throw new AppError(
          'forbidden-sender',
          `已拒绝：窗口请求使用文件“${String(p).slice(0, 200)}”，但这个文件不是通过本软件的选择文件对话框选定的。请用界面上的按钮重新选择文件。`,
          { method, arg: key },
        );
      }
    }
  }
}

/** The platform with every path its dialogs return granted to the window. */
export function grantingPlatform(platform: Platform, grants: PathGrants): Platform {
  return {
    async openFiles(opts) {
      const paths = await platform.openFiles(opts);
      for (const p of paths) grants.grant(p);
      return paths;
    },
    async saveFile(opts) {
      const path = await platform.saveFile(opts);
      if (path !== null) grants.grant(path);
      return path;
    },
    showItemInFolder: (path) => platform.showItemInFolder(path),
  };
}
