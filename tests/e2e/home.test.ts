/**
 * The start page shows exactly the figures of `stats:get` (the service the CLI and the forms use):
 * households, people and per-capita net income of every county row and of the total.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StatsResult } from '../../shared/api/stats.ts';
import { formatInt, formatYuan } from '../../shared/domain/format.ts';
import { startE2e, type E2e } from './harness.ts';

let e2e: E2e;
let stats: StatsResult;

beforeAll(async () => {
  e2e = await startE2e({ scale: 'small' });
  stats = await e2e.session.call('stats:get', { by: 'county' });
  await e2e.open('/');
  await e2e.page.getByTestId('row-total-persons').waitFor();
});

// Checked after each test too, so a page error marks the test that caused it as failed.
afterEach(() => {
  expect(e2e.errors).toEqual([]);
});

afterAll(async () => {
  await e2e?.close();
});

async function text(testId: string): Promise<string> {
  return (await e2e.page.getByTestId(testId).innerText()).trim();
}

/** "1,234.50" → 1234.5: the value the user reads, back as a number. */
function parseShown(s: string): number {
  return Number(s.replace(/,/g, ''));
}

describe('start page', () => {
  it('shows the demo banner and the database in the status bar', async () => {
    await expect(text('demo-banner')).resolves.toContain('当前为演示数据库（数据为程序生成，不是真实台账）');
    await expect(text('status-bar')).resolves.toContain(e2e.dbPath);
    await expect(text('status-access')).resolves.toBe('可读写');
  });

  it('shows every county row with the service figures', async () => {
    expect(stats.rows.length).toBeGreaterThan(0);
    for (const row of stats.rows) {
      await expect(text(`row-${row.code}-name`)).resolves.toBe(row.name);
      await expect(text(`row-${row.code}-households`)).resolves.toBe(formatInt(row.households));
      await expect(text(`row-${row.code}-persons`)).resolves.toBe(formatInt(row.persons));
      await expect(text(`row-${row.code}-per-capita`)).resolves.toBe(formatYuan(row.perCapitaNet));
      expect(parseShown(await text(`row-${row.code}-per-capita`))).toBe(row.perCapitaNet);
    }
  });

  it('shows the total in the table and in the headline figures', async () => {
    const t = stats.total;
    expect(parseShown(await text('row-total-households'))).toBe(t.households);
    expect(parseShown(await text('row-total-persons'))).toBe(t.persons);
    expect(parseShown(await text('row-total-per-capita'))).toBe(t.perCapitaNet);
    expect(parseShown(await text('total-households'))).toBe(t.households);
    expect(parseShown(await text('total-persons'))).toBe(t.persons);
    await expect(text('total-per-capita')).resolves.toBe(formatYuan(t.perCapitaNet));
    await expect(text('total-target')).resolves.toBe(formatYuan(t.target));
  });

  it('draws the county chart', async () => {
    const canvas = e2e.page.getByTestId('county-income-chart').locator('canvas');
    await expect(canvas.count()).resolves.toBeGreaterThan(0);
    const box = await canvas.first().boundingBox();
    expect(box?.height ?? 0).toBeGreaterThan(200);
    await e2e.screenshot('home');
  });
});
