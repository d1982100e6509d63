/**
 * Just enough of the `electron` module for the built main bundle to run in plain Node: it records
 * what main registers (protocol handler, IPC handler, permission handlers, window) so a test can
 * drive them. The real binary cannot be downloaded here (research §0.2).
 */
import { EventEmitter } from 'node:events';

type Fn = (...args: never[]) => unknown;

export class FakeWebContents extends EventEmitter {
  sent: unknown[][] = [];
  openHandler: Fn | null = null;
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  isDestroyed(): boolean {
    return false;
  }
  setWindowOpenHandler(h: Fn): void {
    this.openHandler = h;
  }
}

export class FakeElectron {
  readonly privileged: unknown[] = [];
  readonly protocolHandlers = new Map<string, (r: Request) => Response | Promise<Response>>();
  readonly ipcHandlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  readonly permission: { request: Fn | null; check: Fn | null; device: Fn | null } = { request: null, check: null, device: null };
  readonly windows: Array<{ options: Record<string, unknown>; webContents: FakeWebContents; url: string | null }> = [];
  readonly errors: string[] = [];
  quitCalls = 0;
  sandboxed = false;

  constructor(userData: string) {
    // The fake classes below must reach this recorder from their own `this`.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    const app = Object.assign(new EventEmitter(), {
      isPackaged: false,
      enableSandbox: () => void (self.sandboxed = true),
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      getPath: (name: string) => (name === 'userData' ? userData : `${userData}/${name}`),
      getVersion: () => '0.0.0-test',
      quit: () => void self.quitCalls++,
      exit: (code: number) => void self.errors.push(`exit ${code}`),
    });
    class BrowserWindow extends EventEmitter {
      readonly webContents = new FakeWebContents();
      constructor(options: Record<string, unknown>) {
        super();
        self.windows.push({ options, webContents: this.webContents, url: null });
      }
      loadURL(url: string): Promise<void> {
        const w = self.windows.find((x) => x.webContents === this.webContents);
        if (w) w.url = url;
        return Promise.resolve();
      }
      show(): void {}
      isMinimized(): boolean {
        return false;
      }
      focus(): void {}
      restore(): void {}
    }
    this.module = {
      app,
      BrowserWindow,
      protocol: {
        registerSchemesAsPrivileged: (list: unknown[]) => self.privileged.push(...list),
        handle: (scheme: string, fn: (r: Request) => Response) => self.protocolHandlers.set(scheme, fn),
      },
      session: {
        defaultSession: {
          setPermissionRequestHandler: (fn: Fn) => void (self.permission.request = fn),
          setPermissionCheckHandler: (fn: Fn) => void (self.permission.check = fn),
          setDevicePermissionHandler: (fn: Fn) => void (self.permission.device = fn),
        },
      },
      ipcMain: { handle: (ch: string, fn: (e: unknown, ...a: unknown[]) => unknown) => self.ipcHandlers.set(ch, fn) },
      Menu: { setApplicationMenu: () => undefined },
      dialog: { showErrorBox: (title: string, text: string) => self.errors.push(`${title}: ${text}`) },
      shell: { showItemInFolder: () => undefined },
      // A stand-in for DPAPI: reversible, but not the key in clear, so a test can tell it was sealed.
      safeStorage: {
        isEncryptionAvailable: () => true,
        encryptString: (t: string) => Buffer.from(`sealed:${Buffer.from(t, 'utf8').toString('base64')}`),
        decryptString: (b: Buffer) => Buffer.from(b.toString('utf8').replace(/^sealed:/, ''), 'base64').toString('utf8'),
      },
    };
  }

  readonly module: Record<string, unknown>;

  get app(): EventEmitter {
    return this.module.app as EventEmitter;
  }
}

/** The source of node_modules/electron/index.js placed beside the bundle under test. */
export const FAKE_ELECTRON_INDEX = 'module.exports = globalThis.__ledgerFakeElectron.module;\n';
