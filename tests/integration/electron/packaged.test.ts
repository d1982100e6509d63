/**
 * The packaged build, checked without the Electron download (issue #18 "Packaging that is checked"):
 * `electron-builder --linux dir` with electron-builder.yml as it is and `electronDist` pointing at
 * a stub distribution (electron-stub.ts), then the produced layout is tested: app.asar holds what
 * main loads, native modules are unpacked where they are loaded from, the fuses configured in
 * electron-builder.yml are read back from the built binary's fuse wire with @electron/fuses, and
 * the main bundle starts from the asar's contents against the fake electron module.
 */
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBundles } from '../../../scripts/bundle-options.ts';
import { tempDir, type TempDir } from '../../helpers/db.ts';
import { writeElectronStub } from './electron-stub.ts';
import { FAKE_ELECTRON_INDEX, FakeElectron } from './fake-electron.ts';

const REPO = join(import.meta.dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { main: string; version: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
const ELECTRON_VERSION = pkg.devDependencies.electron!;

/** electronFuses from electron-builder.yml: `name: true|false` lines of that block. */
function configuredFuses(): Record<string, boolean> {
  const yml = readFileSync(join(REPO, 'electron-builder.yml'), 'utf8');
  const block = /^electronFuses:\n((?:[ ]+.*\n)+)/m.exec(yml)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/^\s+(\w+):\s*(true|false)\s*$/gm)].map((m) => [m[1]!, m[2] === 'true']));
}
/** electron-builder's camelCase fuse names → @electron/fuses's wire positions. */
const fuseIndex = (name: string): number => FuseV1Options[(name[0]!.toUpperCase() + name.slice(1)) as keyof typeof FuseV1Options];

let t: TempDir;
let unpackedDir: string;
let asarPath: string;
let binary: string;
let buildLog = '';

beforeAll(async () => {
  t = tempDir('ledger-packaged-');
  if (!existsSync(join(REPO, 'out', 'renderer', 'index.html'))) throw new Error('out/renderer is missing: run `npm run build:web` first (npm test does)');
  // A project folder of its own: the repository's out/ may hold other tests' scratch bundles,
  // which `files: out/**` would pack. The configuration and the dependencies are the repository's.
  const project = t.path('project');
  mkdirSync(project);
  for (const f of ['package.json', 'package-lock.json', 'electron-builder.yml']) copyFileSync(join(REPO, f), join(project, f));
  symlinkSync(join(REPO, 'node_modules'), join(project, 'node_modules'), 'dir');
  cpSync(join(REPO, 'out', 'renderer'), join(project, 'out', 'renderer'), { recursive: true });
  // What `npm run build` bundles for Electron's Node: main, every worker, the preload.
  await Promise.all(electronBundles(REPO, join(project, 'out')).map((o) => esbuild.build({ ...o, logLevel: 'error' })));
  const fuses = configuredFuses();
  const initial = Array.from({ length: 8 }, (_, i) => !Object.entries(fuses).some(([n, on]) => fuseIndex(n) === i && on));
  const stub = writeElectronStub(t.path('electron-dist'), initial, ELECTRON_VERSION);
  const r = spawnSync(process.execPath, [join(REPO, 'node_modules', 'electron-builder', 'cli.js'),
    '--projectDir', project, '--config', 'electron-builder.yml', '--linux', 'dir', '--x64', '--publish', 'never',
    `-c.electronDist=${stub}`, `-c.electronVersion=${ELECTRON_VERSION}`, `-c.directories.output=${t.path('release')}`,
  ], { cwd: project, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  buildLog = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`electron-builder failed (${r.status}):\n${buildLog.slice(-4000)}`);
  unpackedDir = t.path('release/linux-unpacked');
  asarPath = join(unpackedDir, 'resources', 'app.asar');
  binary = join(unpackedDir, 'income-ledger');
}, 300_000);

afterAll(() => t.remove());

const inAsar = (): Set<string> => new Set(listPackage(asarPath, { isPack: false }).map((p) => p.replace(/\\/g, '/').replace(/^\//, '')));

/** Every package a built bundle requires at run time (esbuild leaves EXTERNAL ones as require calls). */
function requiredPackages(code: string): string[] {
  const names = [...code.matchAll(/require\("([^"./][^"]*)"\)/g)].map((m) => m[1]!);
  const pkgName = (s: string): string => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!);
  return [...new Set(names.filter((n) => !n.startsWith('node:') && !builtinModules.includes(pkgName(n))).map(pkgName))];
}

describe('the packaged build (electron-builder --dir on a stub Electron)', () => {
  it('has the executable under its ASCII name and app.asar with what main loads', () => {
    expect(existsSync(binary), buildLog.slice(-2000)).toBe(true);
    const files = inAsar();
    const manifest = JSON.parse(extractText('package.json')) as { main: string };
    expect(manifest.main).toBe(pkg.main);
    expect(files.has(manifest.main)).toBe(true);
    expect(files.has('out/preload/index.cjs')).toBe(true);
    expect(files.has('out/renderer/index.html')).toBe(true);
    // Every worker the code starts (workerEntry('<name>', …)) is bundled beside main.
    for (const name of ['import.worker', 'reader.worker', 'export.worker', 'integrity.worker', 'first-run.worker']) {
      expect(files.has(`out/main/${name}.cjs`), name).toBe(true);
    }
    // Every package the bundles require is there (production dependencies), and no dev tooling.
    const bundles = [...files].filter((f) => /^out\/(main|preload)\/.+\.cjs$/.test(f));
    const needed = new Set(bundles.flatMap((f) => requiredPackages(extractText(f))));
    needed.delete('electron');
    expect([...needed].sort()).toEqual(expect.arrayContaining(['better-sqlite3', 'exceljs']));
    for (const p of needed) expect(files.has(`node_modules/${p}/package.json`), p).toBe(true);
    for (const dev of ['electron', 'vite', 'vitest', 'typescript', 'electron-builder', 'vue']) expect(files.has(`node_modules/${dev}/package.json`), dev).toBe(false);
  });

  it('unpacks the native SQLite modules next to the archive, byte for byte, and flags them unpacked', () => {
    const natives = [...inAsar()].filter((f) => f.endsWith('.node'));
    expect(natives).toEqual(expect.arrayContaining(['node_modules/better-sqlite3/prebuilds/linux-x64.node', 'node_modules/better-sqlite3/prebuilds/win32-x64.node']));
    for (const f of natives) {
      const entry = statFile(asarPath, f) as { unpacked?: boolean };
      expect(entry.unpacked, f).toBe(true);
      const onDisk = join(unpackedDir, 'resources', 'app.asar.unpacked', f);
      expect(readFileSync(onDisk).equals(readFileSync(join(REPO, f))), f).toBe(true);
    }
  });

  it('has the fuses of electron-builder.yml in the built binary’s fuse wire', async () => {
    const wire = await getCurrentFuseWire(binary);
    const fuses = configuredFuses();
    expect(Object.keys(fuses).length).toBeGreaterThanOrEqual(7);
    for (const [name, on] of Object.entries(fuses)) {
      expect(wire[fuseIndex(name) as 0], name).toBe(on ? 0x31 : 0x30);
    }
  });

  it('starts the main bundle from the asar’s contents against the fake electron', async () => {
    const app = t.path('resources/app');
    extractAll(asarPath, app);
    mkdirSync(join(app, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(join(app, 'node_modules', 'electron', 'index.js'), FAKE_ELECTRON_INDEX);
    const fake = new FakeElectron(t.path('userData'));
    (globalThis as Record<string, unknown>).__ledgerFakeElectron = fake;
    process.env.LEDGER_DEMO_SCALE = 'small';
    try {
      createRequire(import.meta.url)(join(app, pkg.main));
      const invoke = (name: string): Promise<unknown> => Promise.resolve(fake.ipcHandlers.get('api:invoke')!({ senderFrame: { url: 'app://renderer/index.html', parent: null } }, name, {}));
      // First start builds the demo ledger in the first-run worker, loading better-sqlite3 from this layout.
      let info: { ok: boolean; data?: { isDemo: boolean; dbPath: string } } = { ok: false };
      for (let i = 0; i < 1200 && !info.ok; i++) {
        if (fake.ipcHandlers.has('api:invoke')) info = (await invoke('app:info')) as typeof info;
        if (!info.ok) await new Promise((r) => setTimeout(r, 100));
      }
      expect(fake.errors).toEqual([]);
      expect(info).toMatchObject({ ok: true, data: { isDemo: true, dbPath: t.path('userData/ledger.db') } });
      const page = await fake.protocolHandlers.get('app')!(new Request('app://renderer/index.html'));
      expect(page.status).toBe(200);
      const stats = (await invoke('stats:get')) as { ok: boolean };
      expect(stats.ok).toBe(true);
      fake.app.emit('before-quit', { preventDefault: () => undefined });
    } finally {
      delete process.env.LEDGER_DEMO_SCALE;
    }
  });
});

function extractText(file: string): string {
  return extractFile(asarPath, file).toString('utf8');
}
