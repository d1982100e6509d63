/**
 * Every schema step, in the order they run. A step is known by its name; its number (the file
 * prefix) is given when it is merged, after the last one here. Never edit, rename or reorder a merged
 * step: write a new one.
 */
import { migration001 } from './001-init.ts';
import { migration002 } from './002-ledger-indexes.ts';
import { migration003 } from './003-import.ts';
import { migration004 } from './004-analysis.ts';
import { migration005 } from './005-matrix.ts';
import { migration006 } from './006-cheap-checks.ts';
import { migration007 } from './007-id-digits.ts';
import { migration008 } from './008-checks.ts';
import { migration009 } from './009-campaign.ts';
import { migration010 } from './010-cases.ts';
import { migration011 } from './011-audit-keyed.ts';
import { migration012 } from './012-business-net.ts';
import { migration013 } from './013-audit-minimised.ts';
import type { Migration } from './types.ts';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013];

/**
 * `user_version` after the last step: kept equal to the number of steps so that a release from before
 * named steps (which compares user_version with its own 7) still refuses a newer database.
 */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Databases made before steps were recorded by name carry only `user_version` = the count of these. */
export const LEGACY_NAMES: readonly string[] = ['init', 'ledger-indexes', 'import', 'analysis', 'matrix-scope', 'cheap-checks', 'id-digits'];
