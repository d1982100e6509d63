import { describe, it, expect } from 'vitest';
import {
  CITY,
  COUNTIES,
  TOWNSHIPS,
  REGIONS,
  regionByCode,
  childrenOf,
  countyOf,
  normalizeRegionName,
  findCounty,
  findTownship,
  findTownshipIn,
} from '../../../../shared/domain/regions.ts';
import type { Region } from '../../../../shared/domain/regions.ts';

// DOMAIN.md §5.3 and §5.4, typed in again by hand so a slip in the module shows up here.
const HUINING: Record<string, string> = {
  '620422100': '会师镇', '620422101': '郭城驿镇', '620422102': '河畔镇', '620422103': '头寨子镇',
  '620422104': '太平店镇', '620422105': '甘沟驿镇', '620422106': '侯家川镇', '620422107': '柴家门镇',
  '620422108': '汉家岔镇', '620422109': '刘家寨子镇', '620422110': '白草塬镇', '620422111': '大沟镇',
  '620422112': '四房吴镇', '620422113': '中川镇', '620422114': '老君坡镇', '620422115': '平头川镇',
  '620422116': '丁家沟镇', '620422117': '杨崖集镇', '620422118': '翟家所镇', '620422119': '韩家集镇',
  '620422120': '土门岘镇', '620422121': '新塬镇', '620422122': '草滩镇', '620422123': '新庄镇',
  '620422202': '新添堡回族乡', '620422204': '党家岘乡', '620422213': '八里湾乡', '620422225': '土高山乡',
};
const JINGYUAN: Record<string, string> = {
  '620421101': '北湾镇', '620421102': '东湾镇', '620421103': '乌兰镇', '620421104': '刘川镇',
  '620421105': '北滩镇', '620421106': '五合镇', '620421107': '大芦镇', '620421108': '糜滩镇',
  '620421109': '高湾镇', '620421110': '平堡镇', '620421111': '东升镇', '620421112': '双龙镇',
  '620421113': '三滩镇', '620421206': '兴隆乡', '620421208': '石门乡', '620421211': '靖安乡',
  '620421215': '永新乡', '620421216': '若笠乡',
};

describe('region tables', () => {
  it('has the city and its five counties in code order', () => {
    expect(CITY).toMatchObject({ code: '620400', name: '白银市', level: 'city', parent: '620000' });
    expect(COUNTIES.map((c) => [c.code, c.name])).toEqual([
      ['620402', '白银区'],
      ['620403', '平川区'],
      ['620421', '靖远县'],
      ['620422', '会宁县'],
      ['620423', '景泰县'],
    ]);
    expect(COUNTIES.every((c) => c.level === 'county' && c.parent === '620400')).toBe(true);
  });
  it('has exactly the 28 会宁 and 18 靖远 units of the NBS table', () => {
    const byCounty = (code: string) =>
      Object.fromEntries(TOWNSHIPS.filter((t) => t.parent === code).map((t) => [t.code, t.name]));
    expect(byCounty('620422')).toEqual(HUINING);
    expect(byCounty('620421')).toEqual(JINGYUAN);
  });
  it('has the township units of 白银区, 平川区 and 景泰县', () => {
    expect(childrenOf('620402')).toHaveLength(10);
    expect(childrenOf('620403')).toHaveLength(11);
    expect(childrenOf('620423')).toHaveLength(11);
    expect(regionByCode('620423100')?.name).toBe('一条山镇');
    expect(regionByCode('620403105')?.name).toBe('宝积镇');
    expect(regionByCode('620402001')?.name).toBe('人民路街道');
  });
  it('uses 9-digit township codes under their county, all unique', () => {
    expect(TOWNSHIPS.every((t) => /^\d{9}$/.test(t.code) && t.code.startsWith(t.parent!))).toBe(true);
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(REGIONS.length);
    expect(REGIONS).toHaveLength(1 + 5 + 78);
  });
});

describe('code helpers', () => {
  it('finds regions by code, including a township 12-digit code', () => {
    expect(regionByCode('620422')?.name).toBe('会宁县');
    expect(regionByCode('620422100000')?.name).toBe('会师镇');
    expect(regionByCode('999999')).toBeUndefined();
  });
  it('lists children', () => {
    expect(childrenOf('620400').map((c) => c.code)).toEqual(COUNTIES.map((c) => c.code));
    expect(childrenOf('620422')).toHaveLength(28);
    expect(childrenOf('620422100')).toEqual([]);
  });
  it('derives the county code', () => {
    expect(countyOf('620422')).toBe('620422');
    expect(countyOf('620422123')).toBe('620422');
    expect(countyOf('620421103201')).toBe('620421');
    expect(countyOf('620400')).toBeNull();
    expect(countyOf('62042')).toBeNull();
    expect(countyOf('会宁县')).toBeNull();
  });
});

describe('normalizeRegionName', () => {
  it('strips spaces, full-width forms and one suffix', () => {
    expect(normalizeRegionName(' 会师 镇 ')).toBe('会师');
    expect(normalizeRegionName('新添堡回族乡')).toBe('新添堡');
    expect(normalizeRegionName('人民路街道')).toBe('人民路');
    expect(normalizeRegionName('会宁县')).toBe('会宁');
    expect(normalizeRegionName('白银区')).toBe('白银');
    expect(normalizeRegionName('党家岘乡')).toBe('党家岘');
    expect(normalizeRegionName('乌兰镇\u3000')).toBe('乌兰');
    expect(normalizeRegionName('镇')).toBe('镇');
  });
});

describe('findCounty', () => {
  it('matches with and without suffix, and by code', () => {
    expect(findCounty('会宁县')?.code).toBe('620422');
    expect(findCounty('会宁')?.code).toBe('620422');
    expect(findCounty(' 靖远 ')?.code).toBe('620421');
    expect(findCounty('平川')?.code).toBe('620403');
    expect(findCounty('620423')?.name).toBe('景泰县');
  });
  it('returns undefined for unknown names', () => {
    expect(findCounty('榆中县')).toBeUndefined();
    expect(findCounty('')).toBeUndefined();
  });
});

describe('findTownship', () => {
  it('round-trips every 会宁 and 靖远 name, with and without suffix', () => {
    for (const [code, name] of [...Object.entries(HUINING), ...Object.entries(JINGYUAN)]) {
      expect(findTownship(name)?.code, name).toBe(code);
      expect(findTownship(normalizeRegionName(name))?.code, name).toBe(code);
      expect(findTownship(name, code.slice(0, 6))?.code, name).toBe(code);
    }
  });
  it('knows the aliases', () => {
    expect(findTownship('新庄塬镇')?.code).toBe('620422123');
    expect(findTownship('新庄乡')?.code).toBe('620422123');
    expect(findTownship('汉家岔乡')?.code).toBe('620422108');
    expect(findTownship('汉岔')?.code).toBe('620422108');
    expect(findTownship('侯家川乡')?.code).toBe('620422106');
    expect(findTownship('草滩乡')?.code).toBe('620422122');
    expect(findTownship('白塬')?.code).toBe('620422110');
    expect(findTownship('白塬镇')?.code).toBe('620422110');
    expect(findTownship('头寨')?.code).toBe('620422103');
    expect(findTownship('新添堡乡')?.code).toBe('620422202');
    expect(findTownship('新添堡')?.code).toBe('620422202');
  });
  it('keeps 新塬 and 新庄塬 apart', () => {
    expect(findTownship('新塬镇')?.code).toBe('620422121');
    expect(findTownship('新庄塬')?.code).toBe('620422123');
  });
  it('tolerates full-width spaces and a county prefix', () => {
    expect(findTownship('会\u3000师　镇')?.code).toBe('620422100');
    expect(findTownship('会宁县会师镇')?.code).toBe('620422100');
    expect(findTownship('靖远乌兰')?.code).toBe('620421103');
    expect(findTownship('靖远县会师镇')).toBeUndefined();
  });
  it('honours countyCode', () => {
    expect(findTownship('会师镇', '620421')).toBeUndefined();
    expect(findTownship('乌兰镇', '620421')?.name).toBe('乌兰镇');
  });
  it('returns undefined for unknown names', () => {
    expect(findTownship('城关镇')).toBeUndefined();
    expect(findTownship('不存在乡')).toBeUndefined();
    expect(findTownship('')).toBeUndefined();
    expect(findTownship('镇')).toBeUndefined();
  });
  it('resolves a name shared by two counties only when the county is given', () => {
    // No two Baiyin townships share a name today; user-added units might, so test the rule on a list.
    const extra: Region = { code: '620421301', name: '中川乡', level: 'township', parent: '620421', aliases: [] };
    const list = [...TOWNSHIPS, extra];
    expect(findTownshipIn(list, '中川')).toBeUndefined();
    expect(findTownshipIn(list, '中川镇', '620422')?.code).toBe('620422113');
    expect(findTownshipIn(list, '中川', '620421')?.code).toBe('620421301');
  });
});
