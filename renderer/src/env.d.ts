/// <reference types="vite/client" />
/// <reference types="element-plus/global" />
import type { WindowApi } from '../../shared/events.ts';

declare global {
  interface Window {
    /** Provided by the preload (Electron) or the e2e bridge; the renderer's only way out. */
    readonly api: WindowApi;
  }
}
