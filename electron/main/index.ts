/**
 * Electron main: lifecycle only. Everything the app does goes through the session's dispatch
 * (electron/services), so this file wires protocol, security, window and IPC and nothing else.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session as electronSession } from 'electron';
import { join } from 'node:path';
import { toErrorDto } from '../../shared/errors.ts';
import { configureLog, log } from '../services/log.ts';
import { openSession, setAuditKeyPath, type Session } from '../services/session.ts';
import { ensureDatabaseInWorker } from './first-run.ts';
import { prepareLedgerKey } from './ledger-key.ts';
import { eventForwarder, registerIpc } from './ipc.ts';
import { electronPlatform } from './platform.ts';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './protocol.ts';
import { hardenApp, hardenSession } from './security.ts';
import { createMainWindow, UNLOAD_QUESTION } from './window.ts';

// The bundle lives in out/main; the renderer, the preload and the workers are built beside it.
const RENDERER_ROOT = join(__dirname, '..', 'renderer');
const PRELOAD = join(__dirname, '..', 'preload', 'index.cjs');
const FIRST_RUN_WORKER = join(__dirname, 'first-run.worker.cjs');

/** First-start demo size; LEDGER_DEMO_SCALE=small|county|city lets a developer or a test pick another. */
const DEMO_SCALE = (['small', 'county', 'city'] as const).find((s) => s === process.env.LEDGER_DEMO_SCALE) ?? 'county';

let mainWindow: BrowserWindow | null = null;
let ledger: Session | null = null;
let busyMessage = '正在打开数据库，请稍候…';
let closing = false;

const emit = eventForwarder(() => mainWindow?.webContents ?? null);

// Both must happen before `ready`.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

/** First start builds a demo ledger off the main thread; the window shows its progress meanwhile. */
async function openLedger(): Promise<Session> {
  const dbPath = join(app.getPath('userData'), 'ledger.db');
  // The support log beside the database (README: 日志), rotating, never with personal data.
  configureLog({ file: join(app.getPath('userData'), 'logs', 'income-ledger.log') });
  log.info('app started', { version: app.getVersion() });
  // The audit chain's HMAC key: outside the database, in the user's own app-data folder, set before
  // the first-run worker starts so it signs the demo's entries with the same key.
  setAuditKeyPath(join(app.getPath('userData'), 'audit.key'));
  await prepareLedgerKey(app.getPath('userData'), dbPath, mainWindow);
  await ensureDatabaseInWorker(FIRST_RUN_WORKER, { dbPath, scale: DEMO_SCALE }, (done, total) => {
    busyMessage = '首次启动，正在生成演示数据库…';
    emit('job:progress', { jobId: 'first-run', kind: 'demo', step: '生成演示数据库', current: done, total });
  });
  return openSession(dbPath, { platform: electronPlatform(() => mainWindow), emit });
}

function showWindow(): void {
  mainWindow = createMainWindow({
    BrowserWindow,
    preload: PRELOAD,
    confirmUnload: (win) =>
      dialog.showMessageBoxSync(win, { type: 'warning', ...UNLOAD_QUESTION, buttons: [...UNLOAD_QUESTION.buttons], defaultId: 1, cancelId: 1, noLink: true }) === 0,
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenSession(electronSession.defaultSession);
  registerAppProtocol(protocol, RENDERER_ROOT);
  // A packaged app has no use for the default menu (reload, devtools).
  if (app.isPackaged) Menu.setApplicationMenu(null);
  registerIpc(ipcMain, () => ledger?.dispatchFromWindow ?? null, () => busyMessage);
  showWindow();
  ledger = await openLedger();
  emit('data:changed', { reason: 'opened' });
  // Off the open path (db/open-check.ts): the window is usable while the worker reads every page.
  void ledger.checkInBackground().catch(() => undefined);
}

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

/** Waits for running jobs (an import mid-transaction) and closes the database before exiting. */
function closeLedgerThenQuit(event: { preventDefault(): void }): void {
  if (closing || !ledger) return;
  event.preventDefault();
  closing = true;
  const open = ledger;
  ledger = null;
  open.close().finally(() => app.quit());
}

// A second copy would open the same database file: hand over to the running one instead.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  hardenApp(app);
  app.on('second-instance', focusWindow);
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', closeLedgerThenQuit);
  start().catch((e: unknown) => {
    dialog.showErrorBox('无法打开数据库', toErrorDto(e).message);
    app.exit(1);
  });
}
