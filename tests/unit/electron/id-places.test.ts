import { describe, expect, it } from 'vitest';
import { IdPlaces, packId } from '../../../electron/import/check/id-places.ts';
import { makeIdNumber } from '../../../shared/domain/id-number.ts';

describe('IdPlaces', () => {
  it('packs distinct IDs to distinct exact numbers, check character included', () => {
    const a = makeIdNumber('620422', '19800101', 1);
    const wrong = a.slice(0, 17) + (a[17] === '0' ? '1' : '0');
    expect(packId(a)).not.toBe(packId(wrong));
    expect(packId('62042219800101001')).toBeNull();
    expect(Number.isSafeInteger(packId(makeIdNumber('999999', '24991231', 999))!)).toBe(true);
  });

  it('keeps the first place of 100,000 IDs through growth, and falls back for odd ones', () => {
    const set = new IdPlaces();
    const ids: string[] = [];
    for (let k = 0; k < 100_000; k++) ids.push(makeIdNumber(k % 2 ? '620422' : '620421', `19${String(50 + (k % 50)).padStart(2, '0')}0${1 + (k % 9)}${String(10 + (k % 18))}`, Math.floor(k / 900) % 1000));
    const unique = [...new Set(ids)];
    unique.forEach((id, i) => set.claim(id, i + 1));
    unique.forEach((id) => set.claim(id, 0));
    expect(set.size).toBe(unique.length);
    expect(unique.every((id, i) => set.get(id) === i + 1)).toBe(true);
    expect(set.get(makeIdNumber('110101', '20000101', 1))).toBeUndefined();
    set.claim('ABC', 7);
    expect(set.get('ABC')).toBe(7);
  });

  it('claim() returns the first place of an ID seen before and remembers the first place of a new one', () => {
    const set = new IdPlaces();
    const ids = Array.from({ length: 20_000 }, (_, k) => makeIdNumber('620403', `1970${String(1 + (k % 12)).padStart(2, '0')}${String(1 + (k % 28)).padStart(2, '0')}`, Math.floor(k / 336) % 1000));
    const first = new Map<string, number>();
    let agree = 0;
    ids.forEach((id, i) => {
      const expected = first.get(id);
      if (expected === undefined) first.set(id, i + 1);
      if (set.claim(id, i + 1) === expected) agree++;
    });
    expect(agree).toBe(ids.length);
    expect(set.size).toBe(first.size);
    expect([...first].every(([id, place]) => set.get(id) === place)).toBe(true);
    expect([set.claim('not an id', 3), set.claim('not an id', 4), set.get('not an id')]).toEqual([undefined, 3, 3]);
    expect(packId('6204221980010100X1')).toBeNull();
    expect(packId('62042A198001010015')).toBeNull();
  });
});
