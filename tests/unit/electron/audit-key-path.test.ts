/** A test run keeps the audit chain's key out of the real home folder (vitest.config.ts sets it). */
import { homedir, tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { auditKeyPath } from '../../../electron/db/audit-key.ts';

describe('audit key during tests', () => {
  it('lives in the temp folder, not under the home folder', () => {
    const path = auditKeyPath();
    expect(path.startsWith(tmpdir())).toBe(true);
    expect(path.startsWith(homedir())).toBe(false);
  });
});
