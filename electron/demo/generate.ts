/**
 * A deterministic demo ledger at three scales: `small` (one 会宁 township, ~1,000 households),
 * `county` (all of 会宁) and `city` (all five counties, 8.91万 households / ~37.2万 people). Members
 * have valid, unique ID numbers; incomes 2021–2024 are calibrated per county and year so the
 * people-weighted per-capita figures match the plan (see calibration.ts).
 */
import { makeIdNumber } from '../../shared/domain/id-number.ts';
import { TOWNSHIPS } from '../../shared/domain/regions.ts';
import { auditWriter } from '../db/audit.ts';
import { refreshAggregates } from '../db/queries/analysis-aggregates.ts';
import { setMeta } from '../db/meta.ts';
import type { Db } from '../db/types.ts';
import { CITY_HOUSEHOLDS, COUNTY_PLANS, DEMO_YEARS, type CountyPlan } from './calibration.ts';
import { writeIncomes, type DemoHousehold } from './incomes.ts';
import { villageNames } from './names.ts';
import { householdMembers, householdSize, type DemoMember } from './people.ts';
import { Random } from './random.ts';

export type DemoScale = 'small' | 'county' | 'city';

export interface DemoOptions {
  scale: DemoScale;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  households: number;
  persons: number;
}

const SMALL_TOWNSHIP = '620422101'; // 郭城驿镇
const REF_YEAR = 2024;

interface Plan {
  county: CountyPlan;
  townships: string[];
  households: number;
}

function plans(scale: DemoScale): Plan[] {
  const townshipsOf = (county: string): string[] => TOWNSHIPS.filter((t) => t.parent === county).map((t) => t.code);
  if (scale === 'small') return [{ county: COUNTY_PLANS[0] as CountyPlan, townships: [SMALL_TOWNSHIP], households: 1_000 }];
  const counties = scale === 'county' ? COUNTY_PLANS.slice(0, 1) : COUNTY_PLANS;
  return counties.map((c) => ({ county: c, townships: townshipsOf(c.code), households: Math.round(CITY_HOUSEHOLDS * c.share) }));
}

export function generateDemo(db: Db, opts: DemoOptions): DemoResult {
  const rng = new Random(opts.seed ?? 20_231_001);
  const work = plans(opts.scale);
  const total = work.reduce((a, p) => a + p.households, 0);
  const existing = (db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;
  if (existing > 0) throw new Error('演示数据只能生成到空数据库中');
  const out: DemoHousehold[] = [];
  db.transaction(() => {
    const writer = new HouseholdWriter(db, rng);
    for (const p of work) {
      if (p.townships.length === 0) throw new Error(`区划目录中没有 ${p.county.code} 的乡镇`);
      const villages = writer.villages(p.townships);
      for (let i = 0; i < p.households; i++) {
        out.push(writer.household(p.county.code, rng.pick(villages)));
        if (opts.onProgress && out.length % 5_000 === 0) opts.onProgress(out.length, total);
      }
    }
    writeIncomes(db, rng, out, work.map((p) => p.county), DEMO_YEARS);
    setMeta(db, 'demo_scale', opts.scale);
    setMeta(db, 'demo_seed', String(opts.seed ?? 20_231_001));
    auditWriter(db, '系统')({ action: 'demo', detail: { scale: opts.scale, households: out.length } });
  }).immediate();
  // Build the analysis aggregates now, inside the generator's progress, rather than on the first read.
  refreshAggregates(db);
  opts.onProgress?.(total, total);
  return { households: out.length, persons: out.reduce((a, h) => a + h.size, 0) };
}

/** Inserts regions, households and members with prepared statements inside the caller's transaction. */
class HouseholdWriter {
  private readonly db: Db;
  private readonly rng: Random;
  private readonly usedIds = new Set<string>();
  private readonly villageSeq = new Map<string, number>();
  private readonly insertHousehold;
  private readonly insertMember;

  constructor(db: Db, rng: Random) {
    this.db = db;
    this.rng = rng;
    this.insertHousehold = db.prepare(
      `INSERT INTO households (code, county_code, township_code, village_code, group_name, head_name, head_id_number, size,
        household_type, poverty_attribute, monitoring_category, risk_types, relocated, phone) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    );
    this.insertMember = db.prepare(
      `INSERT INTO members (household_id, name, id_number, relation, labour, health, education, student_status,
        work_place_class, work_months, welfare_post) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    );
  }

  /** Creates 6–16 villages under each township and returns all their codes. */
  villages(townships: string[]): string[] {
    const insert = this.db.prepare(`INSERT OR IGNORE INTO regions (code, level, name, parent_code, sort) VALUES (?, 'village', ?, ?, ?)`);
    const all: string[] = [];
    for (const t of townships) {
      villageNames(this.rng, this.rng.int(6, 16)).forEach((name, i) => {
        const code = `${t}${200 + i}`;
        insert.run(code, name, t, i);
        all.push(code);
      });
    }
    return all;
  }

  household(county: string, village: string): DemoHousehold {
    const township = village.slice(0, 9);
    const size = householdSize(this.rng);
    const members = householdMembers(this.rng, size, REF_YEAR);
    const ids = members.map((m) => this.idFor(county, m));
    const seq = (this.villageSeq.get(village) ?? 0) + 1;
    this.villageSeq.set(village, seq);
    const monitoring = this.rng.weighted([0.94, 0.04, 0.015, 0.005]);
    const category = [null, '脱贫不稳定户', '边缘易致贫户', '突发严重困难户'][monitoring] ?? null;
    const risks = category ? [this.rng.pick(['因病', '因残', '因学', '因灾', '因意外事故', '因务工就业不稳', '缺劳动力'])] : [];
    const relocated = this.rng.chance(0.08);
    const head = members[0] as DemoMember;
    const info = this.insertHousehold.run(
      `${village}${String(seq).padStart(4, '0')}`, county, township, village, `${this.rng.int(1, 8)}组`, head.name, ids[0], size,
      category === '边缘易致贫户' ? '一般农户' : '脱贫户', category === '边缘易致贫户' ? null : this.rng.pick(['一般脱贫户', '一般脱贫户', '一般脱贫户', '一般脱贫户', '低保脱贫户']),
      category, JSON.stringify(risks), relocated ? 1 : 0, `1${this.rng.pick(['3', '5', '8', '9'])}${String(this.rng.int(0, 999_999_999)).padStart(9, '0')}`,
    );
    const id = Number(info.lastInsertRowid);
    members.forEach((m, i) =>
      this.insertMember.run(id, m.name, ids[i], m.relation, m.labour, m.health, m.education, m.studentStatus, m.workPlaceClass, m.workMonths, m.welfarePost ? 1 : 0),
    );
    const labourers = members.filter((m) => m.labour === '技能劳动力' || m.labour === '普通劳动力').length;
    const welfarePosts = members.filter((m) => m.welfarePost).length;
    return { id, county, size, labourers, welfarePosts, relocated, monitored: category !== null };
  }

  /** A valid, unique ID: the sequence's last digit carries the sex (odd = 男). */
  private idFor(county: string, m: DemoMember): string {
    let seq = this.rng.int(0, 499) * 2 + (m.sex === '男' ? 1 : 0);
    for (;;) {
      const id = makeIdNumber(county, m.birth, seq);
      if (!this.usedIds.has(id)) {
        this.usedIds.add(id);
        return id;
      }
      seq = (seq + 2) % 1000;
    }
  }
}
