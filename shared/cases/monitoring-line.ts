/**
 * Gansu's 防止返贫监测范围 (the monitoring line), seeded into reference_values (threshold /
 * monitoringFloor, scope 甘肃省) where nothing is stored yet; editable and audited on the 参考值 page,
 * and a county may enter its own value for its code (a county value wins over the province's).
 * Source: 中新网 2024-08-13 on Gansu's monitoring work (research/steward-workflows.md): 7,200 yuan for
 * 2023, 7,800 for 2024. A press report, not the province's document: stored as unverified until a
 * steward checks it against the 省乡村振兴局 notice. 2025's province value was not found (兰州新区 set
 * its own 8,600), so nothing is seeded for it.
 */
export interface LineSeed {
  year: number;
  value: number;
  source: string;
}

const REPORT = '中新网 2024-08-13 报道甘肃防止返贫监测帮扶工作';

export const MONITORING_LINE_SEEDS: readonly LineSeed[] = [
  { year: 2023, value: 7200, source: `${REPORT}：甘肃省2023年防止返贫监测范围7200元（待与省级文件核对）` },
  { year: 2024, value: 7800, source: `${REPORT}：甘肃省2024年防止返贫监测范围7800元（待与省级文件核对）` },
];

export const PROVINCE_SCOPE = '620000';
