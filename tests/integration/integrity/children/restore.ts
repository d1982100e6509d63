/**
 * Child process for the restore kill test: restores DB from BACKUP through the real service, as the
 * window and the CLI do. Prints "begin" once the session is open and "committed" after the restore
 * returned. Usage: node restore.ts DB BACKUP [damaged]  (damaged: check at open, so the file opens
 * read-only as the app opens a damaged ledger, and the restore takes the damaged-file path)
 */
import { openSession } from '../../../../electron/services/session.ts';

const [dbPath, backup] = process.argv.slice(2);
if (!dbPath || !backup) throw new Error('usage: restore.ts DB BACKUP');
const damaged = process.argv[4] === 'damaged';
const session = openSession(dbPath, damaged ? { operator: '崩溃测试', checkAtOpen: 'always' } : { operator: '崩溃测试', skipIntegrityCheck: true });
if (damaged && session.ctx.readOnlyReason === null) throw new Error('expected a damaged ledger');
process.stdout.write('begin\n');
await session.call('system:restore', { path: backup });
process.stdout.write('committed\n');
await session.close();
