/** Every migration in order. Add a new file with the next number; never edit or renumber a shipped one. */
import { migration001 } from './001-init.ts';
import { migration002 } from './002-ledger-indexes.ts';
import { migration003 } from './003-import.ts';
import { migration004 } from './004-analysis.ts';
import { migration005 } from './005-matrix.ts';
import { migration006 } from './006-cheap-checks.ts';
import { migration007 } from './007-id-digits.ts';
import type { Migration } from './types.ts';

export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007];

// Versions ascend; the schema version is the highest one the app knows.
export const SCHEMA_VERSION = Math.max(...MIGRATIONS.map((m) => m.version));
