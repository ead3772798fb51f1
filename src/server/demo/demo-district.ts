import { creditCodeWithCheck } from '../core/bootstrap';

/**
 * A deterministic demo district modelled on the seed articles: a county-level district bureau
 * under a city bureau, 36 resident units of a central office park with internal departments,
 * and about 1,700 people with realistic names, posts and ranks. Pure data: no database here.
 */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type DemoUnit = { key: string; name: string; shortName: string; creditCode: string; staffing: number; departments: string[] };
export type DemoPerson = {
  key: string;
  unitKey: string;
  department: string | null;
  name: string;
  gender: 'M' | 'F';
  postTitle: string;
  rankCode: string;
  postLevel: string;
  staffingType: 'admin' | 'institution' | 'worker' | 'contract';
  status: 'active' | 'transferred' | 'retired';
  statusSince: string;
  phone: string;
  idNumber: string;
  employeeNo: string;
};

const UNITS: [string, string, number, string[]][] = [
  ['区委办公室', '区委办', 68, ['秘书科', '综合科', '督查科', '机要科']],
  ['区政府办公室', '区府办', 72, ['秘书科', '综合科', '督查科', '信息科', '法制科']],
  ['区发展和改革局', '区发改局', 46, ['办公室', '综合规划科', '投资科', '价格科']],
  ['区教育局', '区教育局', 58, ['办公室', '基础教育科', '人事科', '计划财务科', '安全管理科']],
  ['区科学技术局', '区科技局', 24, ['办公室', '科技计划科', '成果转化科']],
  ['区工业和信息化局', '区工信局', 38, ['办公室', '产业发展科', '信息化推进科', '运行监测科']],
  ['区公安分局', '区公安分局', 96, ['警务保障室', '政治处', '治安大队', '交警大队', '刑侦大队']],
  ['区民政局', '区民政局', 36, ['办公室', '社会救助科', '养老服务科', '社会事务科']],
  ['区司法局', '区司法局', 34, ['办公室', '法治督察科', '人民参与和促进法治科', '公共法律服务科']],
  ['区财政局', '区财政局', 62, ['办公室', '预算科', '国库科', '政府采购管理科', '资产管理科']],
  ['区人力资源和社会保障局', '区人社局', 48, ['办公室', '就业促进科', '劳动关系科', '人才开发科']],
  ['区自然资源和规划分局', '区规划分局', 44, ['办公室', '规划编制科', '用地管理科', '执法监察科']],
  ['区生态环境分局', '区环境分局', 36, ['办公室', '环境监测科', '污染防治科']],
  ['区住房和城乡建设局', '区住建局', 52, ['办公室', '建筑业管理科', '房地产市场科', '城建科']],
  ['区交通运输局', '区交通局', 40, ['办公室', '综合运输科', '建设管理科']],
  ['区水利局', '区水利局', 32, ['办公室', '水资源科', '工程建设科']],
  ['区农业农村局', '区农业农村局', 44, ['办公室', '乡村发展科', '农业产业科', '农村改革科']],
  ['区商务局', '区商务局', 30, ['办公室', '对外贸易科', '市场运行科']],
  ['区文化和旅游局', '区文旅局', 34, ['办公室', '文化产业科', '旅游发展科', '文物科']],
  ['区卫生健康委员会', '区卫健委', 56, ['办公室', '医政医管科', '疾病预防控制科', '基层卫生科', '人口家庭科']],
  ['区退役军人事务局', '区退役军人局', 22, ['办公室', '优抚科', '就业创业科']],
  ['区应急管理局', '区应急局', 38, ['办公室', '安全生产综合科', '应急救援科', '执法监察大队']],
  ['区审计局', '区审计局', 30, ['办公室', '财政审计科', '经济责任审计科']],
  ['区市场监督管理局', '区市场监管局', 70, ['办公室', '登记注册科', '食品安全科', '质量监督科', '执法稽查大队']],
  ['区统计局', '区统计局', 20, ['办公室', '综合统计科', '普查中心']],
  ['区医疗保障局', '区医保局', 26, ['办公室', '待遇保障科', '基金监管科']],
  ['区城市管理局', '区城管局', 64, ['办公室', '市容环卫科', '市政设施科', '执法大队']],
  ['区信访局', '区信访局', 22, ['办公室', '接访科', '督查督办科']],
  ['区数据资源管理局', '区数据局', 24, ['办公室', '数据资源科', '数字化应用科']],
  ['区政务服务管理办公室', '区政务办', 30, ['办公室', '审批服务科', '政务公开科']],
  ['区纪委监委', '区纪委监委', 60, ['办公室', '党风政风监督室', '第一纪检监察室', '第二纪检监察室', '案件审理室']],
  ['区委组织部', '区委组织部', 40, ['办公室', '干部科', '组织科', '人才科']],
  ['区委宣传部', '区委宣传部', 32, ['办公室', '理论科', '宣传科', '网信科']],
  ['区委统战部', '区委统战部', 24, ['办公室', '党派科', '民族宗教科']],
  ['区总工会', '区总工会', 18, ['办公室', '组织部', '权益保障部']],
  ['区妇女联合会', '区妇联', 12, ['办公室', '权益部']],
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_M = '伟强磊军洋勇杰涛明超斌波辉刚健平鹏飞宇浩凯俊帅华亮林峰建文志国东海晨博远航毅诚哲睿';
const GIVEN_F = '芳娜敏静丽艳娟霞秀英华慧婷雪琳洁玲倩颖燕萍红梅莉丹晶佳琪欣怡悦彤宁露蕾薇月';

export const DEMO_BUREAU = {
  name: '滨江区机关事务管理局',
  shortName: '区机关事务局',
  creditCode: creditCodeWithCheck('11320111MB1508827'),
  staffing: 42,
  departments: ['办公室', '资产管理科', '办公用房管理科', '公务用车管理科', '公共机构节能科', '后勤服务中心'],
};
export const DEMO_CITY = { name: '江州市机关事务管理局', shortName: '市机关事务局', creditCode: creditCodeWithCheck('11321000MB0123456') };

function idNumber(rnd: () => number, birthYear: number, gender: 'M' | 'F'): string {
  const m = 1 + Math.floor(rnd() * 12);
  const d = 1 + Math.floor(rnd() * 28);
  const seq = Math.floor(rnd() * 50) * 2 + (gender === 'M' ? 1 : 0);
  const body = `320102${birthYear}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(10 + Math.floor(rnd() * 89))}${seq % 10}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((s, wi, i) => s + wi * Number(body[i]), 0);
  return body + '10X98765432'[sum % 11];
}

export function buildDemoDistrict(seed = 20261124): { units: DemoUnit[]; people: DemoPerson[] } {
  const rnd = prng(seed);
  const pick = <T>(xs: ArrayLike<T>): T => xs[Math.floor(rnd() * xs.length)]!;
  const units: DemoUnit[] = UNITS.map(([name, shortName, staffing, departments], i) => ({
    key: `u${String(i + 1).padStart(2, '0')}`,
    name,
    shortName,
    creditCode: creditCodeWithCheck(
      `11320111${String(1000000 + i * 7919).slice(-7)}MB`.slice(0, 8) + `MB${String(1508900 + i * 37).padStart(7, '0')}`,
    ),
    staffing,
    departments,
  }));
  const people: DemoPerson[] = [];
  const usedNames = new Set<string>();
  let serial = 0;
  const addPerson = (
    unitKey: string,
    department: string | null,
    postTitle: string,
    postLevel: string,
    rankCode: string,
    staffingType: DemoPerson['staffingType'],
  ) => {
    const gender: 'M' | 'F' = rnd() < 0.58 ? 'M' : 'F';
    let name = '';
    for (let tries = 0; tries < 5; tries++) {
      const given = gender === 'M' ? GIVEN_M : GIVEN_F;
      name = pick(SURNAMES) + pick(given) + (rnd() < 0.6 ? pick(given) : '');
      if (!usedNames.has(name)) break;
    }
    usedNames.add(name);
    const senior = ['131', '132', '141'].includes(postLevel);
    const birthYear = senior ? 1966 + Math.floor(rnd() * 14) : 1968 + Math.floor(rnd() * 34);
    const r = rnd();
    const status: DemoPerson['status'] = r < 0.03 ? 'transferred' : r < 0.05 ? 'retired' : 'active';
    const month = status === 'active' ? 1 + Math.floor(rnd() * 12) : 9 + Math.floor(rnd() * 3);
    serial++;
    people.push({
      key: `p${serial}`,
      unitKey,
      department,
      name,
      gender,
      postTitle,
      rankCode,
      postLevel,
      staffingType,
      status,
      statusSince:
        status === 'active'
          ? `${2000 + Math.floor(rnd() * 25)}-${String(month).padStart(2, '0')}-01`
          : `2026-${String(month).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 27)).padStart(2, '0')}`,
      phone: `1${pick('3456789')}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`,
      idNumber: idNumber(rnd, birthYear, gender),
      employeeNo: `BJ${String(serial).padStart(5, '0')}`,
    });
  };
  // District leaders sit in the district offices: 县级正职 131 / 县级副职 132.
  addPerson('u02', '秘书科', '区长', '131', 'lead_county_principal', 'admin');
  for (let i = 0; i < 4; i++) addPerson('u02', '秘书科', '副区长', '132', 'lead_county_deputy', 'admin');
  addPerson('u01', '秘书科', '区委书记', '131', 'lead_county_principal', 'admin');
  for (let i = 0; i < 3; i++) addPerson('u01', '秘书科', '区委副书记', '132', 'lead_county_deputy', 'admin');
  const all = [{ key: 'bureau', departments: DEMO_BUREAU.departments, staffing: DEMO_BUREAU.staffing }, ...units];
  for (const u of all) {
    // Headcount runs a little above approved staffing: contract and service staff are not in the establishment.
    const headcount = Math.round(u.staffing * (1.02 + rnd() * 0.14));
    addPerson(u.key, u.departments[0]!, u.key === 'bureau' ? '局长' : '局长（主任）', '141', 'lead_section_principal', 'admin');
    const deputies = u.staffing > 40 ? 3 : 2;
    for (let i = 0; i < deputies; i++) addPerson(u.key, u.departments[0]!, '副局长（副主任）', '142', 'lead_section_deputy', 'admin');
    for (const dep of u.departments) {
      addPerson(u.key, dep, '科长', '142', 'rank_section_chief_1', 'admin');
      if (rnd() < 0.5) addPerson(u.key, dep, '副科长', '150', 'rank_section_chief_3', 'admin');
    }
    const already = people.filter((p) => p.unitKey === u.key).length;
    for (let i = already; i < headcount; i++) {
      const dep = pick(u.departments);
      const r = rnd();
      const staffingType: DemoPerson['staffingType'] = r < 0.72 ? 'admin' : r < 0.86 ? 'institution' : r < 0.94 ? 'worker' : 'contract';
      const clerk = rnd() < 0.25;
      addPerson(
        u.key,
        dep,
        staffingType === 'worker' ? '工勤人员' : clerk ? '办事员' : '科员',
        clerk || staffingType === 'worker' ? '160' : '150',
        clerk ? 'rank_clerk_2' : pick(['rank_clerk_1', 'rank_section_chief_4', 'rank_section_chief_3']),
        staffingType,
      );
    }
    // 驾驶员: each unit's drivers are people whose post is driver (the vehicles demo registers
    // only them). Chosen among the active service staff (工勤), then contract staff (聘用), then
    // clerks, never a leader; no random draw, so every other demo figure stays as it was.
    const wanted = u.key === 'bureau' ? 6 : Math.max(1, Math.ceil(u.staffing / 25));
    const pool = people.filter((p) => p.unitKey === u.key && p.status === 'active');
    const candidates = [
      ...pool.filter((p) => p.staffingType === 'worker'),
      ...pool.filter((p) => p.staffingType === 'contract' && !['141', '142'].includes(p.postLevel)),
      // A unit with neither: one of its clerks drives (办事员, 科员), still never a leader.
      ...pool.filter((p) => p.staffingType !== 'worker' && p.staffingType !== 'contract' && ['办事员', '科员'].includes(p.postTitle)),
    ];
    for (const p of candidates.slice(0, wanted)) p.postTitle = DRIVER_POST;
  }
  return { units, people };
}

/** The post title of the demo's drivers (驾驶员). */
export const DRIVER_POST = '驾驶员';

/** Demo accounts; the README lists them. */
export const DEMO_ACCOUNTS = [
  { username: 'admin', displayName: '系统管理员', roleCode: 'sysadmin', scope: 'bureau' },
  { username: 'secadmin', displayName: '安全管理员', roleCode: 'secadmin', scope: 'bureau' },
  { username: 'auditor', displayName: '审计管理员', roleCode: 'auditor', scope: 'bureau' },
  { username: 'leader', displayName: '局领导', roleCode: 'leader', scope: 'bureau', person: 'bureau-head' },
  { username: 'manager', displayName: '业务管理员', roleCode: 'manager', scope: 'bureau' },
  { username: 'unit_a', displayName: '发改局单位管理员', roleCode: 'unit_admin', scope: 'u03' },
  { username: 'unit_b', displayName: '教育局单位管理员', roleCode: 'unit_admin', scope: 'u04' },
  { username: 'staff', displayName: '发改局工作人员', roleCode: 'staff', scope: 'u03', person: 'first-staff' },
] as const;
