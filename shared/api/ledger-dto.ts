/** Plain result objects of the ledger methods (what crosses IPC). Yuan with two decimals; IDs masked. */

export interface RegionNode {
  code: string;
  name: string;
  level: 'county' | 'township' | 'village';
  children?: RegionNode[];
}

export interface HouseholdRow {
  id: number;
  code: string;
  county: string;
  township: string;
  village: string | null;
  groupName: string | null;
  headName: string;
  headIdMasked: string | null;
  size: number;
  householdType: string;
  monitoringCategory: string | null;
  relocated: boolean;
  /** The selected year's figures; null when the household has no income record for that year. */
  perCapita: number | null;
  change: number | null;
  below: boolean | null;
  decreased: boolean | null;
}

export interface HouseholdPage {
  year: number | null;
  /** The 两类群体 line of that year (yuan), from reference_values. */
  line: number;
  rows: HouseholdRow[];
  offset: number;
  /** Null when the caller did not ask for the count. */
  total: number | null;
}

export interface MemberRow {
  id: number;
  householdId: number;
  householdCode: string;
  headName: string;
  township: string;
  village: string | null;
  name: string;
  idMasked: string;
  sex: '男' | '女';
  age: number;
  relation: string;
  labour: string | null;
  workPlaceClass: string | null;
  welfarePost: boolean;
}

export interface MemberPage {
  rows: MemberRow[];
  offset: number;
  total: number | null;
  /** Pass as `after` for the next page in the household order (null in other orders or at the end). */
  nextAfter: { code: string; id: number } | null;
}

/** One hit of the search box / `find` CLI: a household, and the member that matched if any. */
export interface SearchHit {
  householdId: number;
  householdCode: string;
  headName: string;
  township: string;
  village: string | null;
  memberId: number | null;
  memberName: string | null;
  idMasked: string | null;
  /** How it matched: 户编号 / 姓名 / 户主姓名 / 身份证号 / 身份证尾号. */
  matchedBy: string;
}

export interface MemberDetail {
  id: number;
  name: string;
  idMasked: string;
  idType: string;
  sex: '男' | '女';
  birthDate: string;
  age: number;
  relation: string;
  labour: string | null;
  health: string | null;
  education: string | null;
  studentStatus: string | null;
  workPlaceClass: string | null;
  workMonths: number | null;
  welfarePost: boolean;
  phone: string | null;
}

export interface IncomeYear {
  year: number;
  size: number;
  wage: number;
  welfarePostWage: number;
  businessGross: number;
  businessExpense: number;
  businessNet: number;
  /** 经营净收入 was given as one figure (no gross/expense split): the split columns are not figures to show. */
  businessNetOnly: boolean;
  property: number;
  transfer: number;
  net: number;
  perCapita: number | null;
  /** Change of per-capita since the previous year's record (null when there is none). */
  change: number | null;
  growth: number | null;
  target: number | null;
  line: number;
  below: boolean;
  decreased: boolean;
}

export interface AuditItem {
  id: number;
  at: string;
  operator: string;
  action: string;
  table: string | null;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  /** The income year an entry is about, if any. */
  year: number | null;
  /** The steward's reason, if one was given. */
  reason: string | null;
}

export interface HouseholdDetail {
  id: number;
  code: string;
  countyCode: string;
  county: string;
  townshipCode: string;
  township: string;
  villageCode: string | null;
  village: string | null;
  groupName: string | null;
  headName: string;
  headIdMasked: string | null;
  size: number;
  householdType: string;
  povertyAttribute: string | null;
  monitoringCategory: string | null;
  riskTypes: string[];
  relocated: boolean;
  phone: string | null;
  note: string | null;
  updatedAt: string;
  members: MemberDetail[];
  incomes: IncomeYear[];
  /** The year the flags are for (the requested one, else the latest with a record). */
  year: number | null;
  flags: { below: boolean; decreased: boolean; relocated: boolean; twoGroups: boolean };
  audit: AuditItem[];
}

export interface WriteResult {
  householdId: number | null;
  /** Audit entries written (0 when nothing changed). */
  changes: number;
  memberId?: number;
}
