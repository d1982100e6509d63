import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDatabase } from '../../../electron/main/first-run.ts';
import { openSession } from '../../../electron/services/session.ts';

const dir = mkdtempSync(join(tmpdir(), 'ledger-first-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ensureDatabase', () => {
  const dbPath = join(dir, 'ledger.db');

  it('creates a demo ledger when there is none, leaving no temporary file', async () => {
    expect(ensureDatabase(dbPath, 'small')).toBe(true);
    expect(existsSync(dbPath)).toBe(true);
    expect(existsSync(`${dbPath}.creating`)).toBe(false);
    const session = openSession(dbPath);
    const info = await session.call('app:info', {});
    await session.close();
    expect(info.isDemo).toBe(true);
    expect(info.households).toBeGreaterThan(0);
  });

  it('leaves an existing ledger alone', () => {
    expect(ensureDatabase(dbPath, 'small')).toBe(false);
  });
});
