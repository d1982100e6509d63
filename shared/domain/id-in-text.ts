/**
 * 18-character ID numbers inside free text (audit values, JSON of a removed member, stored row
 * errors): found and masked the same way everywhere (#24 minimisation). A run of 18 that is part of a
 * longer digit/letter run is not an ID and is left alone.
 */
import { maskIdNumber } from './id-number.ts';

const ID_IN_TEXT = /(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z])/g;

export function maskIdsInText(v: string): string;
export function maskIdsInText(v: string | null): string | null;
export function maskIdsInText(v: string | null): string | null {
  return v === null ? null : v.replace(ID_IN_TEXT, (id) => maskIdNumber(id.toUpperCase()));
}

/** The distinct IDs in `v`, upper-cased (the form their keyed digest is taken of). */
export function idsInText(v: string | null): string[] {
  if (v === null) return [];
  return [...new Set(Array.from(v.matchAll(ID_IN_TEXT), (m) => m[0].toUpperCase()))];
}
