/**
 * Child process for the crash test (stand-in until the importer's CLI is used): opens a session on
 * the given ledger and writes N households with members, incomes and audit entries in ONE
 * transaction, as an import commit does. Prints "begin" when the transaction starts so the parent
 * knows the window it kills in. Usage: node big-write.ts DB HOUSEHOLDS
 */
import { makeIdNumber } from '../../../../shared/domain/id-number.ts';
import { auditWriter } from '../../../../electron/db/audit.ts';
import { openSession } from '../../../../electron/services/session.ts';

const [dbPath, countText] = process.argv.slice(2);
if (!dbPath || !countText) throw new Error('usage: big-write.ts DB HOUSEHOLDS');
const households = Number(countText);
const session = openSession(dbPath, { operator: '崩溃测试', skipIntegrityCheck: true });
const db = session.ctx.db;

const insertHousehold = db.prepare(
  `INSERT INTO households (code, county_code, township_code, head_name, head_id_number, size) VALUES (?, '620422', '620422101', ?, ?, 4)`,
);
const insertMember = db.prepare('INSERT INTO members (household_id, name, id_number, relation) VALUES (?, ?, ?, ?)');
const insertIncome = db.prepare('INSERT INTO income_records (household_id, year, size, wage_fen, transfer_fen) VALUES (?, 2024, 4, ?, ?)');

function idFor(n: number): string {
  const day = new Date(Date.UTC(1950, 0, 1) + Math.floor(n / 1000) * 86_400_000);
  const birth = `${day.getUTCFullYear()}${String(day.getUTCMonth() + 1).padStart(2, '0')}${String(day.getUTCDate()).padStart(2, '0')}`;
  return makeIdNumber('620402', birth, n % 1000);
}

process.stdout.write('begin\n');
db.transaction(() => {
  const audit = auditWriter(db, '崩溃测试');
  for (let h = 0; h < households; h++) {
    const head = idFor(h * 4);
    const id = Number(insertHousehold.run(`CRASH-${h}`, `户主${h}`, head).lastInsertRowid);
    for (let m = 0; m < 4; m++) insertMember.run(id, `成员${h}-${m}`, idFor(h * 4 + m), m === 0 ? '户主' : '子女');
    insertIncome.run(id, 3_000_000 + h, 500_000);
    audit({ action: 'import:update', table: 'households', key: `CRASH-${h}`, householdId: id });
  }
}).immediate();
process.stdout.write('committed\n');
await session.close();
