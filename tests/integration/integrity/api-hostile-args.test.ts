/**
 * Every method of the API table — read at test time, so methods added later are covered too —
 * rejects malformed arguments with a 'validation' envelope: wrong types, unknown keys, huge strings
 * and arrays in every field, deeply nested values, prototype-pollution payloads. Nothing crashes,
 * nothing is polluted, nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api } from '../../../shared/api/index.ts';
import type { Session } from '../../../electron/services/session.ts';
import { demoSession, tempDir, type TempDir } from '../../helpers/db.ts';
import { countsOf } from './helpers.ts';

const METHODS = Object.keys(api) as Array<keyof typeof api>;
const HUGE_STRING = 'x'.repeat(1_000_001);
const HUGE_ARRAY = Array.from({ length: 100_001 }, (_, i) => i);

function deep(levels: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < levels; i++) v = { a: v, b: [v] };
  return v;
}

/** Payloads that are wrong for any method whatever its schema. */
const WHOLE_PAYLOADS: Array<[string, () => unknown]> = [
  ['a string', () => 'select * from members'],
  ['a number', () => 42],
  ['a boolean', () => true],
  ['an array', () => [{}]],
  ['an unknown key', () => ({ __hostile_unknown_key__: 1 })],
  ['__proto__ pollution', () => JSON.parse('{"__proto__":{"polluted":"yes"}}')],
  ['constructor.prototype pollution', () => JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}')],
  ['a 10,000-level nested object', () => ({ __nested__: deep(10_000) })],
  ['20,000 keys', () => Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`k${i}`, i]))],
];

/** Per-field payloads: wrong for any field a bounded schema can have. */
const FIELD_PAYLOADS: Array<[string, () => unknown]> = [
  ['a 1 MB string', () => HUGE_STRING],
  ['a 100,001-element array', () => HUGE_ARRAY],
  ['a nested __proto__ payload', () => JSON.parse('{"__proto__":{"polluted":"yes"},"x":"' + 'y'.repeat(10_001) + '"}')],
];

/** The top-level keys of a method's argument object (zod v4 keeps `.shape` on objects and refinements of them). */
function keysOf(schema: z.ZodType): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

let t: TempDir;
let s: Session;
let before: ReturnType<typeof countsOf>;
let cases = 0;

beforeAll(() => {
  t = tempDir('ledger-hostile-args-');
  s = demoSession(t.path('ledger.db'));
  before = countsOf(s.ctx.db);
});

afterAll(async () => {
   
  console.log(`hostile-argument cases: ${cases} over ${METHODS.length} methods`);
  await s.close();
  t.remove();
});

function expectNotPolluted(): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
}

describe.each(METHODS)('%s', (name) => {
  it.each(WHOLE_PAYLOADS)('rejects %s with a validation error', async (_label, make) => {
    const env = await s.dispatch(name, make());
    cases++;
    expect(env).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!env.ok) expect(env.error.message.length).toBeLessThan(2000);
    expectNotPolluted();
  });

  it('rejects a hostile value in every field, naming that field', async () => {
    const schema = api[name].args as z.ZodType;
    for (const key of keysOf(schema)) {
      for (const [label, make] of FIELD_PAYLOADS) {
        const payload = { [key]: make() };
        const parsed = schema.safeParse(payload);
        expect(parsed.success, `${name}.${key} accepted ${label}`).toBe(false);
        if (!parsed.success) expect(parsed.error.issues.some((i) => i.path[0] === key), `${name}.${key}: ${label}`).toBe(true);
        const env = await s.dispatch(name, payload);
        cases++;
        expect(env, `${name}.${key}: ${label}`).toMatchObject({ ok: false, error: { code: 'validation' } });
        expectNotPolluted();
      }
    }
  });
});

describe('method names', () => {
  it.each([undefined, null, 42, {}, '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x'.repeat(1_000_000), 'stats:get\u0000'])(
    'refuses %s as unknown-method',
    async (name) => {
      const env = await s.dispatch(name, {});
      cases++;
      expect(env).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
      if (!env.ok) expect(env.error.message.length).toBeLessThan(200);
    },
  );

  it('left the database exactly as it was', () => {
    expect(countsOf(s.ctx.db)).toEqual(before);
    expect(s.ctx.db.pragma('quick_check', { simple: true })).toBe('ok');
  });
});
