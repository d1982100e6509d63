/**
 * What the ledger remembers while the steward opens a household and comes back: the tab, the
 * filters, the sort, the selected row and the scroll position. A Pinia store outlives the view.
 */
import { defineStore } from 'pinia';
import { reactive, ref } from 'vue';
import type { HouseholdListArgs, MemberListArgs } from '../../../../shared/api/ledger.ts';
import type { Choice } from '../common/choice.ts';

export type LedgerTab = 'households' | 'members';

export interface HouseholdFilters {
  region: string[];
  year: number | null;
  householdType: Choice<HouseholdListArgs['householdType']>;
  monitoringCategory: Choice<HouseholdListArgs['monitoringCategory']>;
  relocated: '' | 'yes' | 'no';
  below: boolean;
  decreased: boolean;
  minPerCapita: number | null;
  maxPerCapita: number | null;
  /** Strictly below (a histogram bin's upper edge, set by a drill-down from 增收分析). */
  perCapitaBelow: number | null;
  q: string;
  sort: HouseholdListArgs['sort'];
  dir: HouseholdListArgs['dir'];
}

export interface MemberFilters {
  region: string[];
  sex: Choice<MemberListArgs['sex']>;
  labour: Choice<MemberListArgs['labour']>;
  workPlaceClass: Choice<MemberListArgs['workPlaceClass']>;
  welfarePost: boolean;
  minAge: number | null;
  maxAge: number | null;
  q: string;
  sort: MemberListArgs['sort'];
  dir: MemberListArgs['dir'];
}

export function emptyHouseholdFilters(): HouseholdFilters {
  return {
    region: [], year: null, householdType: '', monitoringCategory: '', relocated: '', below: false, decreased: false,
    minPerCapita: null, maxPerCapita: null, perCapitaBelow: null, q: '', sort: 'code', dir: 'asc',
  };
}

export function emptyMemberFilters(): MemberFilters {
  return { region: [], sex: '', labour: '', workPlaceClass: '', welfarePost: false, minAge: null, maxAge: null, q: '', sort: 'household', dir: 'asc' };
}

/** Region cascader value [county, township?, village?] → the list's region arguments. */
export function regionArgs(region: string[]): { county?: string; township?: string; village?: string } {
  const [county, township, village] = region;
  if (village) return { village };
  if (township) return { township };
  return county ? { county } : {};
}

export const useLedgerStore = defineStore('ledger', () => {
  const tab = ref<LedgerTab>('households');
  const households = reactive(emptyHouseholdFilters());
  const members = reactive(emptyMemberFilters());
  /** Per tab: the highlighted row and the scroll offset, restored on the way back from a household. */
  const view = reactive({ households: { index: 0, scrollTop: 0 }, members: { index: 0, scrollTop: 0 } });
  return { tab, households, members, view };
});
