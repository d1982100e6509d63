/**
 * The one application window. Its web preferences are a frozen constant so a unit test can assert
 * every security flag without starting Electron; only `import type` from electron here (index.ts
 * passes the BrowserWindow class in).
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { APP_ENTRY_URL, hardenWebContents } from './security.ts';

export const WEB_PREFERENCES = Object.freeze({
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  // The spellchecker downloads dictionaries from the internet; the bureau PCs are often offline.
  spellcheck: false,
  // Dropping a file on the window must not navigate away from the app.
  navigateOnDragDrop: false,
  safeDialogs: true,
} satisfies WebPreferences);

export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 680,
    title: '脱贫人口增收台账',
    backgroundColor: '#f5f7fa',
    autoHideMenuBar: true,
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload },
  };
}

export interface WindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  preload: string;
  /** Asks the steward whether to close despite unsaved input; true closes (index.ts passes a dialog). */
  confirmUnload?: (win: BrowserWindow) => boolean;
}

/** The question shown when the window is closed with typed but unsaved input (the renderer's beforeunload). */
export const UNLOAD_QUESTION = Object.freeze({
  title: '有未保存的填写',
  message: '还有填写没有保存，关闭窗口后这些填写将丢失。',
  buttons: ['放弃填写并关闭', '留在此页'],
});

export function createMainWindow(deps: WindowDeps): BrowserWindow {
  const win = new deps.BrowserWindow(windowOptions(deps.preload));
  // hardenApp also does this for every webContents; repeating it here keeps the window safe even
  // if it is ever created before that hook is installed.
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  // The renderer refuses to unload while it holds unsaved input (unsaved.ts); Electron then closes
  // nothing and shows nothing, so the question is asked here. preventDefault lets the close go on.
  const confirm = deps.confirmUnload;
  if (confirm) {
    win.webContents.on('will-prevent-unload', (event) => {
      if (confirm(win)) event.preventDefault();
    });
  }
  void win.loadURL(APP_ENTRY_URL);
  return win;
}
