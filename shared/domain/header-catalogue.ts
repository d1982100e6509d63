/**
 * The header catalogue: the names each field circulates under, grouped by where they come from, each
 * group with its source. Data only — the matcher (import-headers.ts) reads it, normalises both sides
 * the same way (width, spaces, units, numbering, 所在/所属/所辖, 家庭, 性, 净; see `reducedHeader`) and
 * refuses to build when two fields would share a name. A name belongs here when a file has been seen
 * (or a source documents it) using it for exactly this field; a guess belongs in import-suggest.ts.
 */
import type { FieldKey } from './import-headers.ts';

export interface HeaderGroup {
  id: string;
  /** Chinese, for the catalogue's readers. */
  title: string;
  /** Where the names were seen: document, section or public code (DOMAIN = docs/domain.md). */
  source: string;
  names: Partial<Record<FieldKey, readonly string[]>>;
}

export const HEADER_CATALOGUE: readonly HeaderGroup[] = [
  {
    id: 'national-monitoring',
    title: '全国防止返贫监测信息系统导出表头',
    source: 'DOMAIN §1.1–1.3 与 §2.1–2.2：Gzuwkj/fuping（读取“（自定义）监测对象信息”“（乡村建设）户信息”等导出，main.py、model.py、rules/*.py）；“全县全字段”列清单（C# 工具）',
    names: {
      county: ['县', '县(市、区、旗)'], township: ['乡', '乡(镇)'], village: ['村', '行政村'], group: ['自然村'],
      householdCode: ['户编号'], headName: ['户主姓名'], headIdNumber: ['户主证件号码'], size: ['当前家庭人口数', '年度家庭人口数'],
      householdType: ['户类型'], monitoringCategory: ['监测对象类别'], riskTypes: ['致贫/返贫风险', '致贫/返贫风险1'],
      identifiedYm: ['识别监测时间'], riskEliminated: ['风险是否已消除'], eliminationMethod: ['风险消除方式'], eliminatedYm: ['消除监测时间'],
      relocated: ['搬迁', '是否搬迁户'], phone: ['户联系电话'],
      name: ['姓名'], idType: ['证件类型'], idNumber: ['证件号码'], personCode: ['人口编号'], relation: ['与户主关系'], sex: ['性别'],
      birthDate: ['出生日期'], labour: ['劳动技能'], health: ['健康状况'], education: ['文化程度'], studentStatus: ['在校生状况'],
      workMonths: ['务工时间(月)'], welfarePost: ['公益性岗位'], memberPhone: ['家庭成员联系电话', '成员联系电话'],
      wage: ['工资性收入'], welfarePostWage: ['公益性岗位收入'], businessGross: ['生产经营性收入'],
      businessExpense: ['生产经营性支出', '生产经营性支出(合计)'], property: ['财产性收入'], transfer: ['转移性收入'],
      net: ['纯收入', '家庭纯收入'], perCapita: ['人均纯收入'],
    },
  },
  {
    id: 'nbs-household-survey',
    title: '国家统计局住户收支与生活状况调查的收入构成名称',
    source: '国家统计局住户调查主要指标解释（可支配收入按来源分为工资性收入、经营净收入、财产净收入、转移净收入）；research/steward-workflows.md“Statistics-bureau terms”。台账只有一项财产收入和一项转移收入，故“财产净收入”“转移净收入”对应这两项；“可支配收入”不是纯收入，不收录',
    names: { wage: ['工资性收入'], businessNet: ['经营净收入'], property: ['财产净收入'], transfer: ['转移净收入'] },
  },
  {
    id: 'domain-forms',
    title: '本软件上报表式与台账表头（DOMAIN §7 拟定表式）',
    source: 'DOMAIN §7.2–7.4：脱贫人口收入情况统计表、监测对象台账、一户一策的列；本软件“全部台账”导出的表头（可原样导回）',
    names: {
      serial: ['序号'], county: ['县'], township: ['乡镇'], village: ['行政村', '村'], group: ['组'], householdCode: ['户编号'],
      headName: ['户主姓名'], headIdNumber: ['户主证件号码'], size: ['家庭人口数', '家庭人口'], householdType: ['户类型'],
      povertyAttribute: ['脱贫户属性'], monitoringCategory: ['监测对象类别'], riskTypes: ['风险类型'], relocated: ['是否易地搬迁户'],
      workPlaceClass: ['务工区域'], workMonths: ['务工时间(月)'], welfarePost: ['是否公益性岗位'], year: ['年度'],
      wage: ['工资性收入'], welfarePostWage: ['公益性岗位收入'], businessGross: ['生产经营性收入'], businessExpense: ['生产经营性支出'],
      businessNet: ['经营净收入', '生产经营性净收入'], property: ['财产性收入'], transfer: ['转移性收入'],
      net: ['家庭纯收入'], perCapita: ['人均纯收入'], note: ['备注'],
    },
  },
  {
    id: 'township',
    title: '乡镇报表中的常见写法',
    source: 'DOMAIN §1.2“Variants seen in township sheets”、§1.3 末段（公开校验工具所见乡镇表头及一般写法，部分未核实）；会宁、靖远乡镇报送表（本项目测试用例按其格式制作）',
    names: {
      serial: ['编号', '序'],
      county: ['县区', '县(市、区)', '县(区)', '县市区', '区县'],
      township: ['镇', '乡镇(街道)', '乡镇名称', '乡(镇、街道)'],
      village: ['村委会', '村名', '行政村名称', '村(社区)'],
      group: ['社', '村民小组', '组别', '组(社)'],
      householdCode: ['户编码', '户码', '户号', '家庭编号'],
      headName: ['户主', '户主名'],
      headIdNumber: ['户主身份证号', '户主身份证号码', '户主身份证'],
      size: ['户人口数', '人口数', '人口', '家庭人数'],
      householdType: ['户属性', '户类别'],
      povertyAttribute: ['贫困户属性'],
      monitoringCategory: ['监测类型', '监测户类别', '监测对象类型', '检测对象类别'],
      riskTypes: ['致贫返贫风险', '主要风险', '返贫致贫风险'],
      identifiedYm: ['纳入时间', '识别时间'],
      riskEliminated: ['是否消除风险'],
      eliminationMethod: ['消除方式'],
      eliminatedYm: ['风险消除时间'],
      relocated: ['易地扶贫搬迁户', '易地搬迁', '是否易地扶贫搬迁户'],
      phone: ['联系电话', '联系方式'],
      note: ['成员备注'],
      name: ['成员姓名', '家庭成员姓名', '人员姓名'],
      idNumber: ['身份证号码', '身份证号', '公民身份号码', '证件号', '身份证', '成员身份证号码'],
      personCode: ['成员编号'],
      relation: ['关系', '家庭关系', '与户主的关系'],
      age: ['年龄'],
      labour: ['劳动能力', '劳力状况', '劳动力状况'],
      studentStatus: ['在校生状态'],
      workPlaceClass: ['务工地域', '务工去向', '务工地点'],
      workMonths: ['务工时间', '务工月数', '务工时间(月数)'],
      welfarePost: ['公益岗位'],
      year: ['年份', '收入年度', '统计年度'],
      wage: ['务工收入', '年务工收入'],
      businessGross: ['经营性收入', '家庭经营性收入'],
      businessExpense: ['经营性支出'],
      businessNet: ['家庭经营净收入'],
      net: ['家庭年纯收入', '年纯收入', '家庭纯收入合计', '家庭净收入'],
      perCapita: ['人均收入', '家庭人均纯收入', '人均年纯收入'],
    },
  },
];

/**
 * Names that look like a field but are not one, with why: a part of a component (其他工资性收入 is
 * only part of 工资性收入), a per-capita component (人均工资性收入 is not the household's wage), a
 * figure after risk elimination, or gross income. They are never matched nor proposed; left
 * unmapped, the consistency gate stops a file whose totals then do not add up.
 */
export const NOT_FIELDS: readonly { prefix?: string; contains?: string; why: string; source: string }[] = [
  { prefix: '风险消除后', why: '风险消除后的数字，不是本年度收入', source: 'DOMAIN §2.4（Gzuwkj/fuping rules/1_11_004.py）' },
  { prefix: '其他', contains: '收入', why: '是某项收入的一部分，不是整项', source: 'DOMAIN §2.2（其他工资性收入、其他财产性收入、其他转移性收入）' },
  { prefix: '人均', contains: '性', why: '是人均的分项收入，不是家庭的金额', source: 'DOMAIN §7.2（人均纯收入构成）' },
  { contains: '可支配收入', why: '可支配收入不是纯收入', source: '国家统计局住户调查指标解释' },
  { contains: '总收入', why: '总收入（毛收入）不是纯收入', source: 'DOMAIN §2.1（年收入 为毛收入）' },
  { contains: '分红收入', why: '是财产性收入的一部分', source: 'DOMAIN §2.2（资产收益扶贫分红收入）' },
];
