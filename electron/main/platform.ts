/** The Platform hooks (services/context.ts) implemented with Electron's dialog and shell. */
import { dialog, shell, type BrowserWindow } from 'electron';
import type { Platform } from '../services/context.ts';

export function electronPlatform(getWindow: () => BrowserWindow | null): Platform {
  return {
    async openFiles({ title, filters, multiple }) {
      const win = getWindow();
      const options: Electron.OpenDialogOptions = {
        title,
        filters,
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    async saveFile({ title, defaultName, filters }) {
      const win = getWindow();
      const options: Electron.SaveDialogOptions = { title, defaultPath: defaultName, filters };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    showItemInFolder(path) {
      // Only reveals a file the app itself wrote (an export or error workbook); never opens it.
      shell.showItemInFolder(path);
    },
  };
}
