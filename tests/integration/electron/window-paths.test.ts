/**
 * No window-chosen paths (#18 item 7): a window call carrying a path the main process did not hand
 * out (dialog answer, its own result, an automatic backup) is refused before any file is touched;
 * the same call with a dialog-chosen path works, and the CLI (`call`) keeps taking typed paths.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../../shared/api/index.ts';
import type { Platform } from '../../../electron/services/context.ts';
import { WINDOW_PATH_ARGS } from '../../../electron/services/path-grants.ts';
import { openSession, type Session } from '../../../electron/services/session.ts';
import { makeDemoDb, tempDir, type TempDir } from '../../helpers/db.ts';

interface Answers { open: string[][]; save: Array<string | null> }

function presetPlatform(a: Answers): Platform {
  return {
    openFiles: () => Promise.resolve(a.open.shift() ?? []),
    saveFile: () => Promise.resolve(a.save.shift() ?? null),
    showItemInFolder: () => undefined,
  };
}

type Schema = { _zod?: { def?: Record<string, unknown> & { type?: string } } };

/** Every argument name of a schema, nested ones as `a.b`, found by walking zod's definitions. */
function argKeys(schema: Schema, prefix = ''): string[] {
  let s = schema;
  for (let def = s._zod?.def; def; def = s._zod?.def) {
    if (['optional', 'nullable', 'default', 'prefault', 'readonly'].includes(def.type ?? '')) s = def.innerType as Schema;
    else if (def.type === 'pipe') s = def.in as Schema;
    else break;
  }
  const def = s._zod?.def;
  if (def?.type === 'object') {
    return Object.entries(def.shape as Record<string, Schema>).flatMap(([k, v]) => [prefix + k, ...argKeys(v, `${prefix}${k}.`)]);
  }
  if (def?.type === 'array') return argKeys(def.element as Schema, `${prefix}[].`);
  if (def?.type === 'union') return (def.options as Schema[]).flatMap((o) => argKeys(o, prefix));
  return [];
}

let t: TempDir;
let s: Session;
let answers: Answers;

beforeEach(() => {
  t = tempDir('ledger-paths-');
  answers = { open: [], save: [] };
  s = openSession(makeDemoDb(t.path('ledger.db')), { operator: '测试员', platform: presetPlatform(answers) });
});

afterEach(async () => {
  await s.close();
  t.remove();
});

describe('paths from the window', () => {
  it('lists every file-naming argument of the API table (a new one must be added to the check)', () => {
    // Names that are not files: a sort direction, an outcome filter, an audit date.
    const notFiles = new Set(['monitoring:ledger outcome', 'audit:list from', 'export:list filter.dir', 'export:list filter.outcome', 'ledger:households dir', 'ledger:members dir']);
    const unlisted: string[] = [];
    for (const [name, method] of Object.entries(api)) {
      for (const key of argKeys(method.args as unknown as Schema)) {
        if (!/path|out|file|dest|from|dir/i.test(key) || notFiles.has(`${name} ${key}`)) continue;
        if (!(WINDOW_PATH_ARGS[name as keyof typeof WINDOW_PATH_ARGS] ?? []).includes(key)) unlisted.push(`${name} ${key}`);
      }
    }
    expect(unlisted).toEqual([]);
    expect(Object.keys(WINDOW_PATH_ARGS).length).toBeGreaterThanOrEqual(12);
  });

  it('refuses a backup, a restore and an error workbook to paths the window named, touching no file', async () => {
    const target = t.path('overwrite-me.db');
    const backup = await s.dispatchFromWindow('system:backup', { path: target });
    expect(backup).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    if (!backup.ok) expect(backup.error.message).toContain('overwrite-me.db');
    expect(existsSync(target)).toBe(false);

    writeFileSync(t.path('evil.db'), 'not a ledger');
    const restore = await s.dispatchFromWindow('system:restore', { path: t.path('evil.db') });
    expect(restore).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const traversal = await s.dispatchFromWindow('system:restore', { path: `${t.path('backups')}/../evil.db` });
    expect(traversal).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });

    const wb = await s.dispatchFromWindow('import:errorWorkbook', { path: t.path('in.xlsx'), out: t.path('errors.xlsx') });
    expect(wb).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const imp = await s.dispatchFromWindow('import:preview', { paths: ['/etc/passwd'] });
    expect(imp).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    const matrix = await s.dispatchFromWindow('matrix:export', { kind: 'matrix', out: t.path('m.xlsx') });
    expect(matrix).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(existsSync(t.path('m.xlsx'))).toBe(false);
  });

  it('accepts the path its own dialog returned, and a path it put in a result', async () => {
    answers.save.push(t.path('chosen.db'));
    const backup = await s.dispatchFromWindow('system:backup', {});
    expect(backup.ok).toBe(true);
    expect(existsSync(t.path('chosen.db'))).toBe(true);
    // The result named the file, so the window may show it in its folder.
    expect((await s.dispatchFromWindow('export:showInFolder', { path: t.path('chosen.db') })).ok).toBe(true);
    // …and restore from it: the main process got that path from its own dialog.
    const restore = await s.dispatchFromWindow('system:restore', { path: t.path('chosen.db') });
    expect(restore.ok).toBe(true);

    answers.open.push([t.path('picked.xlsx')]);
    const picked = await s.dispatchFromWindow('dialog:openImportFiles', { title: '选择' });
    expect(picked).toMatchObject({ ok: true, data: [t.path('picked.xlsx')] });
    const preview = await s.dispatchFromWindow('import:preview', { paths: [t.path('picked.xlsx')] });
    // Not refused for its path (the file does not exist: the job reports that on its own).
    if (!preview.ok) expect(preview.error.code).not.toBe('forbidden-sender');
  });

  it('lets the window restore an automatic backup from the ledger’s own backup folder', async () => {
    const info = await s.call('system:info', {});
    const inFolder = join(info.backupDir, 'ledger-auto-test.db');
    await s.call('system:backup', { path: inFolder });
    expect((await s.dispatchFromWindow('system:restore', { path: inFolder })).ok).toBe(true);
  });

  it('keeps typed paths for the CLI (call), which the user named on the command line', async () => {
    const r = await s.call('system:backup', { path: t.path('typed.db') });
    expect(r?.path).toBe(t.path('typed.db'));
  });
});
