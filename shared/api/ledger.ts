/**
 * The ledger (台账): list, search and open households and members, and correct them. Lists carry
 * masked ID numbers only; a full ID leaves main solely through `ledger:revealId`, which is audited.
 * Money crosses as yuan with two decimals; the service stores fen.
 */
import { z } from 'zod';
import { method } from './define.ts';
import { Id, RegionCode, ShortText, Year } from './common.ts';
import type {
  HouseholdDetail, HouseholdPage, MemberPage, RegionNode, SearchHit, WriteResult,
} from './ledger-dto.ts';

export type * from './ledger-dto.ts';

export const HOUSEHOLD_TYPES = ['脱贫户', '监测户', '一般农户'] as const;
export const MONITORING_CATEGORIES = ['脱贫不稳定户', '边缘易致贫户', '突发严重困难户'] as const;
export const POVERTY_ATTRIBUTES = ['一般脱贫户', '低保脱贫户', '特困供养脱贫户'] as const;
export const LABOUR_KINDS = ['技能劳动力', '普通劳动力', '弱劳动力或半劳动力', '丧失劳动力', '无劳动力'] as const;
export const WORK_PLACES = ['乡镇内', '县内', '省内县外', '省外', '境外', '其他'] as const;
export const ID_TYPES = ['居民身份证', '残疾人证', '户口簿', '其他'] as const;

/** The search box: household code prefix, head or member name, full ID, or the ID's last 4–6 characters. */
export const SearchText = z.string().trim().max(50);
const Paging = {
  /** Rows to skip (random access for the virtual table); the page size is capped so one call stays cheap. */
  offset: z.number().int().min(0).max(10_000_000).default(0),
  limit: z.number().int().min(1).max(500).default(100),
  /** Counting every match costs a pass over the filtered index range: ask for it once per filter change. */
  withTotal: z.boolean().default(true),
};
const Region = {
  county: RegionCode.optional(),
  township: RegionCode.optional(),
  village: RegionCode.optional(),
};
const Yuan = z.number().min(0).max(100_000_000).multipleOf(0.01, '金额最多两位小数');

export const HouseholdSort = z.enum(['code', 'headName', 'size', 'perCapita', 'change']);
export type HouseholdSort = z.infer<typeof HouseholdSort>;
export const SortDir = z.enum(['asc', 'desc']);

export const HouseholdFilter = z
  .object({
    ...Region,
    /** Income year for the per-capita columns and the 两类群体 flags; default the latest year. */
    year: Year.optional(),
    householdType: z.enum(HOUSEHOLD_TYPES).optional(),
    monitoringCategory: z.enum(MONITORING_CATEGORIES).optional(),
    relocated: z.boolean().optional(),
    below: z.boolean().optional(),
    decreased: z.boolean().optional(),
    minPerCapita: Yuan.optional(),
    maxPerCapita: Yuan.optional(),
    /** Per-capita strictly below this (a histogram bin's open upper edge, for drilling down from 增收分析). */
    perCapitaBelow: Yuan.optional(),
    q: SearchText.optional(),
  })
  .strict();
export type HouseholdFilter = z.infer<typeof HouseholdFilter>;

export const HouseholdListArgs = HouseholdFilter.extend({
  sort: HouseholdSort.default('code'),
  dir: SortDir.default('asc'),
  ...Paging,
}).strict();
export type HouseholdListArgs = z.infer<typeof HouseholdListArgs>;

/** `household`: by household code, then member (how township sheets are laid out). */
export const MemberSort = z.enum(['household', 'name', 'age']);
export const MemberListArgs = z
  .object({
    ...Region,
    sex: z.enum(['男', '女']).optional(),
    labour: z.enum(LABOUR_KINDS).optional(),
    workPlaceClass: z.enum(WORK_PLACES).optional(),
    welfarePost: z.boolean().optional(),
    minAge: z.number().int().min(0).max(150).optional(),
    maxAge: z.number().int().min(0).max(150).optional(),
    q: SearchText.optional(),
    sort: MemberSort.default('household'),
    dir: SortDir.default('asc'),
    /** Keyset paging in the household order: the rows after this one (a deep page costs what the first does). */
    after: z.object({ code: z.string().max(40), id: Id }).strict().optional(),
    ...Paging,
  })
  .strict();
export type MemberListArgs = z.infer<typeof MemberListArgs>;

const Name = z.string().trim().min(1, '姓名不能为空').max(50);
const Phone = z.string().trim().max(20).regex(/^[0-9+\- ]*$/, '电话只能包含数字、+、- 和空格');
/** Accepts what a steward types (spaces, full-width digits, lowercase x); the service validates it. */
const IdText = z.string().trim().min(1).max(40);

export const HouseholdPatch = z
  .object({
    headName: Name,
    township: RegionCode,
    village: RegionCode.nullable(),
    groupName: ShortText.nullable(),
    size: z.number().int().min(1).max(30),
    householdType: z.enum(HOUSEHOLD_TYPES),
    povertyAttribute: z.enum(POVERTY_ATTRIBUTES).nullable(),
    monitoringCategory: z.enum(MONITORING_CATEGORIES).nullable(),
    relocated: z.boolean(),
    phone: Phone.nullable(),
    note: z.string().max(500).nullable(),
  })
  .partial()
  .strict();
export type HouseholdPatch = z.infer<typeof HouseholdPatch>;

export const MemberFields = z
  .object({
    name: Name,
    idNumber: IdText,
    idType: z.enum(ID_TYPES),
    relation: z.string().trim().min(1).max(20),
    labour: z.enum(LABOUR_KINDS).nullable(),
    health: z.string().trim().max(50).nullable(),
    education: z.string().trim().max(50).nullable(),
    workPlaceClass: z.enum(WORK_PLACES).nullable(),
    workMonths: z.number().int().min(0).max(12).nullable(),
    welfarePost: z.boolean(),
    phone: Phone.nullable(),
  })
  .strict();
export const MemberPatch = MemberFields.partial().strict();
export type MemberPatch = z.infer<typeof MemberPatch>;
export type MemberFields = z.infer<typeof MemberFields>;

const NewMember = MemberFields.partial().required({ name: true, idNumber: true }).strict();

export const IncomeInput = z
  .object({
    householdId: Id,
    year: Year,
    size: z.number().int().min(1).max(30),
    wage: Yuan,
    welfarePostWage: Yuan.default(0),
    businessGross: Yuan,
    businessExpense: Yuan,
    /** 经营净收入 as one figure, for a year recorded without the gross/expense split (both then 0). */
    businessNet: Yuan.optional(),
    property: Yuan,
    transfer: Yuan,
  })
  .strict()
  .refine((v) => v.welfarePostWage <= v.wage, { message: '公益性岗位工资不能超过工资性收入', path: ['welfarePostWage'] })
  .refine((v) => v.businessNet === undefined || (v.businessGross === 0 && v.businessExpense === 0), {
    message: '已填经营净收入时，生产经营性收入和支出应为 0（两种填法只能选一种）', path: ['businessNet'],
  });
export type IncomeInput = z.infer<typeof IncomeInput>;

const Reason = z.string().trim().max(200).optional();

/** Corrections: one audited transaction each; the steward's reason travels with every entry. */
const LEDGER_WRITE = { writes: 'tx', audit: ['ledger:add', 'ledger:update', 'ledger:remove', 'ledger:sync'], changes: 'ledger' } as const;
const CORRECTION = { ...LEDGER_WRITE, reasonArg: 'reason' } as const;

export const ledgerApi = {
  'ledger:regions': method<RegionNode[]>()(z.object({}).strict()),
  'ledger:households': method<HouseholdPage>()(HouseholdListArgs),
  'ledger:members': method<MemberPage>()(MemberListArgs),
  'ledger:find': method<SearchHit[]>()(z.object({ q: SearchText.min(1, '请输入要查找的内容'), limit: z.number().int().min(1).max(200).default(50) }).strict()),
  'ledger:household': method<HouseholdDetail>()(z.object({ id: Id, year: Year.optional() }).strict()),
  'ledger:revealId': method<{ idNumber: string }>()(
    z.object({ memberId: Id, reason: z.string().trim().min(2, '请说明查看完整身份证号码的原因').max(200) }).strict(),
    { writes: 'tx', audit: ['ledger:reveal-id'] },
  ),
  'ledger:updateHousehold': method<WriteResult>()(z.object({ id: Id, patch: HouseholdPatch, reason: Reason }).strict(), CORRECTION),
  'ledger:addHousehold': method<WriteResult>()(
    z.object({ code: z.string().trim().min(1).max(40), township: RegionCode, village: RegionCode.nullable().default(null),
      groupName: ShortText.nullable().default(null), householdType: z.enum(HOUSEHOLD_TYPES).default('脱贫户'),
      head: NewMember, reason: Reason }).strict(),
    CORRECTION,
  ),
  'ledger:removeHousehold': method<WriteResult>()(z.object({ id: Id, reason: z.string().trim().min(2, '请填写删除原因').max(200) }).strict(), LEDGER_WRITE),
  'ledger:updateMember': method<WriteResult>()(z.object({ id: Id, patch: MemberPatch, reason: Reason }).strict(), CORRECTION),
  'ledger:addMember': method<WriteResult>()(z.object({ householdId: Id, member: NewMember, reason: Reason }).strict(), CORRECTION),
  'ledger:removeMember': method<WriteResult>()(z.object({ id: Id, reason: z.string().trim().min(2, '请填写删除原因').max(200) }).strict(), LEDGER_WRITE),
  'ledger:upsertIncome': method<WriteResult>()(z.object({ income: IncomeInput, reason: Reason }).strict(), CORRECTION),
};
