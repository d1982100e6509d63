import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { APP_ENTRY_URL } from '../../../electron/main/security.ts';
import { createMainWindow, UNLOAD_QUESTION, WEB_PREFERENCES, windowOptions } from '../../../electron/main/window.ts';

describe('window web preferences', () => {
  it('has every security flag of the Electron checklist', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
    });
    expect(WEB_PREFERENCES).not.toHaveProperty('enableBlinkFeatures');
    expect(Object.isFrozen(WEB_PREFERENCES)).toBe(true);
  });

  it('keeps the flags when the preload path is added', () => {
    const prefs = windowOptions('/app/out/preload/index.cjs').webPreferences;
    expect(prefs).toEqual({ ...WEB_PREFERENCES, preload: '/app/out/preload/index.cjs' });
  });
});

class FakeWindow extends EventEmitter {
  static last: FakeWindow | null = null;
  readonly options: BrowserWindowConstructorOptions;
  readonly webContents = Object.assign(new EventEmitter(), { setWindowOpenHandler: () => undefined });
  loaded: string | null = null;
  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
    FakeWindow.last = this;
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
  show(): void {}
}

describe('createMainWindow', () => {
  it('creates the window with the secure preferences, hardened, loading the app origin', () => {
    createMainWindow({ BrowserWindow: FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow, preload: '/p.cjs' });
    const win = FakeWindow.last;
    expect(win?.options.webPreferences).toMatchObject({ ...WEB_PREFERENCES, preload: '/p.cjs' });
    expect(win?.loaded).toBe(APP_ENTRY_URL);
    expect(win?.webContents.listenerCount('will-navigate')).toBeGreaterThan(0);
    expect(win?.webContents.listenerCount('will-attach-webview')).toBeGreaterThan(0);
  });
});

describe('closing with unsaved input', () => {
  const Ctor = FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow;
  function veto(answer: boolean): { asked: number; closed: boolean } {
    let asked = 0;
    createMainWindow({ BrowserWindow: Ctor, preload: '/p.cjs', confirmUnload: () => (asked++, answer) });
    let closed = false;
    // Electron emits this when the page's beforeunload refused; preventDefault lets the unload go on.
    FakeWindow.last!.webContents.emit('will-prevent-unload', { preventDefault: () => { closed = true; } });
    return { asked, closed };
  }
  it('asks, and closes only when the steward discards', () => {
    expect(veto(true)).toEqual({ asked: 1, closed: true });
    expect(veto(false)).toEqual({ asked: 1, closed: false });
  });
  it('asks in Chinese with the safe choice second', () => {
    expect(UNLOAD_QUESTION.buttons).toEqual(['放弃填写并关闭', '留在此页']);
    expect(UNLOAD_QUESTION.message).toMatch(/未保存|没有保存/);
  });
});
