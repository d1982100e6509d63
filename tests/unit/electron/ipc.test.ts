import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { EVENT_CHANNEL, eventForwarder, handleInvoke, INVOKE_CHANNEL, registerIpc, senderOf, type DispatchFn } from '../../../electron/main/ipc.ts';
import { APP_ENTRY_URL } from '../../../electron/main/security.ts';

function recorder(): { dispatch: DispatchFn; calls: unknown[][] } {
  const calls: unknown[][] = [];
  return { calls, dispatch: (name, args) => (calls.push([name, args]), Promise.resolve({ ok: true, data: 'done' })) };
}

describe('handleInvoke', () => {
  it('dispatches a call from the app page', async () => {
    const r = recorder();
    await expect(handleInvoke({ url: APP_ENTRY_URL, isTopFrame: true }, r.dispatch, 'app:info', {})).resolves.toEqual({ ok: true, data: 'done' });
    expect(r.calls).toEqual([['app:info', {}]]);
  });

  it('answers forbidden-sender without dispatching for any other sender', async () => {
    const r = recorder();
    for (const sender of [
      { url: 'https://evil.example/', isTopFrame: true },
      { url: APP_ENTRY_URL, isTopFrame: false },
      { url: undefined, isTopFrame: true },
    ]) {
      const env = await handleInvoke(sender, r.dispatch, 'app:info', {});
      expect(env).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(r.calls).toEqual([]);
  });
});

describe('senderOf', () => {
  it('reads the frame URL and whether it is the top frame', () => {
    const top = { senderFrame: { url: APP_ENTRY_URL, parent: null } } as unknown as IpcMainInvokeEvent;
    const sub = { senderFrame: { url: APP_ENTRY_URL, parent: {} } } as unknown as IpcMainInvokeEvent;
    const gone = { senderFrame: null } as unknown as IpcMainInvokeEvent;
    expect(senderOf(top)).toEqual({ url: APP_ENTRY_URL, isTopFrame: true });
    expect(senderOf(sub).isTopFrame).toBe(false);
    expect(senderOf(gone)).toEqual({ url: undefined, isTopFrame: false });
  });
});

describe('registerIpc', () => {
  it('registers one handler that reports busy until the database is open', async () => {
    const handlers = new Map<string, (e: unknown, ...a: unknown[]) => unknown>();
    const ipc = { handle: (ch: string, fn: (e: unknown, ...a: unknown[]) => unknown) => handlers.set(ch, fn) } as unknown as IpcMain;
    let dispatch: DispatchFn | null = null;
    registerIpc(ipc, () => dispatch, () => '正在准备数据库');
    expect([...handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    const event = { senderFrame: { url: APP_ENTRY_URL, parent: null } };
    expect(await handlers.get(INVOKE_CHANNEL)?.(event, 'app:info', {})).toEqual({ ok: false, error: { code: 'busy', message: '正在准备数据库' } });
    // Even the busy answer is given only to the app's own page.
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await handlers.get(INVOKE_CHANNEL)?.(foreign, 'app:info', {})).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    dispatch = recorder().dispatch;
    expect(await handlers.get(INVOKE_CHANNEL)?.(event, 'app:info', {})).toEqual({ ok: true, data: 'done' });
  });
});

describe('eventForwarder', () => {
  it('sends known events on the one event channel, and nothing once the window is gone', () => {
    const sent: unknown[][] = [];
    let destroyed = false;
    const contents = { isDestroyed: () => destroyed, send: (...a: unknown[]) => sent.push(a) } as unknown as WebContents;
    const emit = eventForwarder(() => contents);
    emit('data:changed', { reason: 'import' });
    destroyed = true;
    emit('data:changed', { reason: 'undo' });
    expect(sent).toEqual([[EVENT_CHANNEL, 'data:changed', { reason: 'import' }]]);
  });
});

describe('preload', () => {
  it('takes its channel names from shared/events.ts, as main does (it may not import electron/main)', () => {
    const src = readFileSync(join(import.meta.dirname, '../../../electron/preload/index.ts'), 'utf8');
    expect(src).toMatch(/import \{[^}]*EVENT_CHANNEL[^}]*INVOKE_CHANNEL[^}]*\} from '\.\.\/\.\.\/shared\/events\.ts'/);
    expect(src).not.toMatch(/'api:invoke'|'api:event'/);
    expect([INVOKE_CHANNEL, EVENT_CHANNEL]).toEqual(['api:invoke', 'api:event']);
    expect(src).toMatch(/exposeInMainWorld\('api'/);
  });
});
