import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

// The audit chain's key (electron/db/audit-key.ts) defaults to a file in the user's home folder; a
// test run must never create or read that one. Set here, in the main vitest process, so globalSetup,
// every worker and every spawned CLI child inherit the same temporary key file.
if (!process.env.LEDGER_AUDIT_KEY_FILE) {
  const dir = join(tmpdir(), `income-ledger-tests-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  process.env.LEDGER_AUDIT_KEY_FILE = join(dir, 'audit.key');
}

/**
 * Three levels, all run by `npm test`: unit (pure shared/ code), integration (services on real
 * SQLite files and real .xlsx files in a temp folder), e2e (the built renderer in Debian's
 * Chromium with window.api bound to the real services).
 *
 * Suites that take minutes (a city-scale demo, 20 SIGKILL runs, ...): `npm run test:fast` leaves them
 * out (and the e2e project) for a quick loop while editing; `npm test` always runs them.
 */
export const SLOW_SUITES = [
  'tests/integration/integrity/crash.test.ts',
  'tests/integration/integrity/kills.test.ts',
  'tests/integration/demo/demo.test.ts',
  'tests/integration/export/list.test.ts',
];
const fast = process.env.npm_lifecycle_event === 'test:fast';

export default defineConfig({
  test: {
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...(fast ? SLOW_SUITES : [])],
          environment: 'node',
          // The demo ledgers most files start from, built once per run and copied (tests/helpers/db.ts).
          globalSetup: ['tests/helpers/demo-template.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
