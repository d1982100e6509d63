/**
 * Electron hardening (research §1.1): the app loads only its own bundled pages from `app://renderer`,
 * so every navigation, new window, permission and <webview> is denied unless it targets that origin.
 * Only `import type` from electron here: the pure checks are unit-tested in plain Node, where
 * importing electron throws (its binary is downloaded lazily and we are offline).
 */
import type { App, Session, WebContents } from 'electron';
import type { ErrorDto } from '../../shared/errors.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for URLs on the app's own origin. Parsed with `new URL()` (never `startsWith`, which
 * `app://renderer.evil.example/` or `app://renderer@evil/` would pass). Node gives custom schemes an
 * opaque origin, so protocol and host are compared instead of `origin`.
 */
export function isTrustedUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url.length === 0 || url.length > 8192) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/**
 * The IPC sender rule (checklist #17): only the app's own top-level frame may call the API.
 * Returns the error to send back, or null when the sender is trusted.
 */
export function senderFault(url: string | null | undefined, isTopFrame: boolean): ErrorDto | null {
  if (isTrustedUrl(url) && isTopFrame) return null;
  return { code: 'forbidden-sender', message: '拒绝访问：请求不是来自本软件的窗口。' };
}

/** Denies navigation, redirects, new windows and <webview> on one webContents. */
export function hardenWebContents(contents: WebContents): void {
  const guard = (event: { preventDefault(): void }, url: string): void => {
    if (!isTrustedUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-frame-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The app needs no camera, microphone, notifications, geolocation, clipboard-read…: deny them all. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Applies the webContents rules to every webContents ever created, including ones we did not make. */
export function hardenApp(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}
