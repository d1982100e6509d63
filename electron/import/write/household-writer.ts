/**
 * The writer's side of an import: applies the reader's operations in order inside the import's
 * transaction — a sheet's mapped fields, a checked household (written, or refused when the database
 * rejects it), the earlier part of a split household (taken back) — and keeps the counts and the
 * writer's own issues.
 */
import type { FieldKey } from '../../../shared/domain/import-headers.ts';
import { AppError } from '../../../shared/errors.ts';
import type { AuditWriter } from '../../db/audit.ts';
import type { Db } from '../../db/types.ts';
import type { IssueSink } from '../check/issues.ts';
import type { WriteOp } from '../check/reader.ts';
import type { RegionResolver } from '../regions.ts';
import { revertHousehold } from './revert.ts';
import { missingMembers, notRemovedMessage, removedMessage, removeMembers, rosterIsComplete, type MissingMember } from './roster.ts';
import { LedgerWriter, type WriteCounts } from './writer.ts';

type SplitOp = Extract<WriteOp, { op: 'split' }>;
type HouseholdOp = Extract<WriteOp, { op: 'household' }>;

interface RosterGap {
  householdId: number;
  sheet: string;
  row: number;
  /** The household's 家庭人口数 in the file, or null when the sheet has no such column. */
  size: number | null;
  listed: number;
  missing: MissingMember[];
}

export class HouseholdWriter {
  readonly townships = new Map<string, number>();
  readonly years = new Map<number, number>();
  private readonly writer: LedgerWriter;
  private readonly db: Db;
  private readonly sink: IssueSink;
  private readonly batchId: number;
  private readonly audit: AuditWriter;
  private mapped: ReadonlySet<FieldKey> = new Set();
  private level: 'member' | 'household' = 'member';
  /** Existing households whose ledger roster has people this file does not list (usually none). */
  private rosters: RosterGap[] = [];
  /** ID numbers of members in households the database refused: still listed by the file. */
  private readonly dbRefusedIds = new Set<string>();
  /** Keys of households the database refused (rare): a later split of one has nothing to take back. */
  private readonly dbRefused = new Set<string>();

  constructor(db: Db, batchId: number, audit: AuditWriter, regions: RegionResolver, sink: IssueSink, clearBlanks = false) {
    this.db = db;
    this.batchId = batchId;
    this.audit = audit;
    this.sink = sink;
    this.writer = new LedgerWriter(db, batchId, audit, regions, clearBlanks);
  }

  get counts(): WriteCounts {
    return this.writer.counts;
  }

  apply(ops: readonly WriteOp[]): void {
    let run: HouseholdOp[] = [];
    for (const o of ops) {
      if (o.op === 'household') {
        run.push(o);
        continue;
      }
      this.households(run);
      run = [];
      if (o.op === 'sheet') {
        this.mapped = new Set(o.mapped);
        this.level = o.level;
      } else this.split(o);
    }
    this.households(run);
  }

  /**
   * A run of households in one savepoint (writer.group); when the database rejects one of them, the
   * run is rolled back and written again household by household, so only that one is refused.
   */
  private households(run: readonly HouseholdOp[]): void {
    if (run.length === 0) return;
    if (run.length > 1) {
      const townships = new Map(this.townships);
      const years = new Map(this.years);
      const rosters = this.rosters.length;
      if (this.writer.group(() => { for (const o of run) this.household(o, true); })) return;
      restoreMap(this.townships, townships);
      restoreMap(this.years, years);
      this.rosters.length = rosters;
    }
    for (const o of run) this.household(o, false);
  }

  private household(o: HouseholdOp, grouped: boolean): void {
    const h = o.h;
    const r = grouped ? this.writer.writeInGroup(h, this.mapped) : this.writer.write(h, this.mapped);
    if ('failure' in r) {
      this.sink.error({ sheet: o.sheet, row: h.firstRow, column: '', code: 'db-constraint', message: `数据库拒绝写入该户：${r.failure}` });
      this.writer.counts.households.refused++;
      this.writer.counts.members.refused += o.rows;
      if (h.key) this.dbRefused.add(h.key);
      for (const m of h.members) this.dbRefusedIds.add(m.idNumber);
      return;
    }
    if (r.existed && this.level === 'member') this.noteRosterGap(o, r.id);
    this.townships.set(h.townshipCode, (this.townships.get(h.townshipCode) ?? 0) + 1);
    if (h.year !== null) this.years.set(h.year, (this.years.get(h.year) ?? 0) + 1);
  }

  /** The earlier part of a split household was written: take it back and count it as refused. */
  private split(o: SplitOp): void {
    if (!o.accepted || this.dbRefused.has(o.key)) return;
    const id = this.findWritten(o.key);
    if (id === null) {
      throw new AppError('split-household', `文件中同一户（${o.key.slice(2)}）出现在两处（首次在工作表“${o.sheet}”第 ${o.row} 行），且无法撤回先写入的部分，整个文件未导入。请把该户的行放在一起后重新导入`);
    }
    const township = (this.db.prepare('SELECT township_code AS t FROM households WHERE id = ?').get(id) as { t: string }).t;
    this.rosters = this.rosters.filter((g) => g.householdId !== id);
    const r = revertHousehold(this.db, this.batchId, id, this.audit);
    const c = this.writer.counts;
    c.households[r.householdAdded ? 'added' : r.householdChanged ? 'updated' : 'unchanged']--;
    c.households.refused++;
    c.members.added -= r.membersAdded;
    c.members.updated -= r.membersUpdated;
    c.members.unchanged -= o.rows - r.membersAdded - r.membersUpdated;
    c.members.refused += o.rows;
    this.townships.set(township, (this.townships.get(township) ?? 1) - 1);
  }

  /** The household a key was written to: by its code, or its head's ID, as the writer matched it. */
  private findWritten(key: string): number | null {
    const value = key.slice(2);
    if (key.startsWith('H:')) {
      const ids = this.db.prepare('SELECT id FROM households WHERE head_id_number = ?').pluck().all(value) as number[];
      return ids.length ? Math.min(...ids) : null;
    }
    const byCode = this.db.prepare('SELECT id FROM households WHERE code = ?').pluck().get(value) as number | undefined;
    if (byCode !== undefined) return byCode;
    const renamed = this.db.prepare(`SELECT household_id FROM audit_log WHERE batch_id = ? AND table_name = 'households' AND field = 'code' AND new_value = ? ORDER BY id DESC LIMIT 1`)
      .pluck().get(this.batchId, value) as number | undefined;
    return renamed ?? null;
  }

  private noteRosterGap(o: HouseholdOp, householdId: number): void {
    const h = o.h;
    const missing = missingMembers(this.db, householdId, h.members.map((m) => m.idNumber));
    if (missing.length === 0) return;
    const size = this.mapped.has('size') ? h.sizeInFile : null;
    this.rosters.push({ householdId, sheet: o.sheet, row: h.firstRow, size, listed: h.members.length, missing });
  }

  /**
   * Once the whole file is known: a person the ledger holds for a household but the file does not
   * list is removed when the file's roster of that household is complete (its 家庭人口数 equals the
   * rows listed), else reported. Someone the file lists elsewhere — moved to another household, or
   * on a refused row — is neither.
   */
  finish(refusedIds: readonly string[] | null): void {
    const listedElsewhere = new Set([...(refusedIds ?? []), ...this.dbRefusedIds]);
    const stillThere = this.db.prepare('SELECT household_id FROM members WHERE id = ?').pluck();
    for (const g of this.rosters) {
      const gone = g.missing.filter((m) => stillThere.get(m.id) === g.householdId && !listedElsewhere.has(m.idNumber));
      if (gone.length === 0) continue;
      const warn = (message: string): void => this.sink.warn({ sheet: g.sheet, row: g.row, column: '', code: 'member-missing', message });
      if (refusedIds === null || !rosterIsComplete(g.size, g.listed)) {
        warn(refusedIds === null ? `台账中该户还有 ${gone.length} 名成员未出现在本文件中；本文件被拒绝的行过多，无法确认，未删除，请核实` : notRemovedMessage(gone, g.size, g.listed));
        continue;
      }
      this.writer.counts.members.removed += removeMembers(this.db, this.batchId, this.audit, g.householdId, gone.map((m) => m.id));
      for (const m of gone) warn(removedMessage(m.name, m.idNumber));
    }
  }
}

function restoreMap<K, V>(m: Map<K, V>, saved: ReadonlyMap<K, V>): void {
  m.clear();
  for (const [k, v] of saved) m.set(k, v);
}
