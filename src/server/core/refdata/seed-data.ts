import { utcDay } from '../util/dates';
/**
 * Reference data seeded from shared/domain/regulations.md. Every number here is data, not
 * logic: administrators edit code lists and publish new rule versions; provinces differ.
 */
export type SeedCodeItem = { list: string; code: string; labelZh: string; labelEn: string; sort?: number; extra?: Record<string, unknown> };

const list = (name: string, items: [string, string, string, Record<string, unknown>?][]): SeedCodeItem[] =>
  items.map(([code, labelZh, labelEn, extra], i) => ({ list: name, code, labelZh, labelEn, sort: i, extra }));

export const CODE_LISTS: SeedCodeItem[] = [
  ...list('agency_level', [
    ['central', '中央', 'Central'],
    ['province', '省级', 'Provincial'],
    ['city', '市级', 'City (prefecture)'],
    ['county', '县级', 'County'],
    ['township', '乡级', 'Township'],
  ]),
  ...list('org_kind', [
    ['bureau', '机关事务管理局', 'Affairs bureau'],
    ['unit', '单位', 'Unit'],
    ['department', '内设机构', 'Internal department'],
    ['site_group', '办公区', 'Office site group'],
  ]),
  // GB/T 12407-2008 职务级别代码
  ...list('post_level', [
    ['101', '国家级正职', 'State level, principal'],
    ['102', '国家级副职', 'State level, deputy'],
    ['111', '省部级正职', 'Provincial/ministerial, principal'],
    ['112', '省部级副职', 'Provincial/ministerial, deputy'],
    ['121', '厅局级正职', 'Department/bureau, principal'],
    ['122', '厅局级副职', 'Department/bureau, deputy'],
    ['131', '县处级正职', 'County/division, principal'],
    ['132', '县处级副职', 'County/division, deputy'],
    ['141', '乡科级正职', 'Township/section, principal'],
    ['142', '乡科级副职', 'Township/section, deputy'],
    ['150', '科员级', 'Section member'],
    ['160', '办事员级', 'Clerk'],
    ['199', '未定职公务员', 'Civil servant without post'],
  ]),
  // 职级 (2019 reform) and leadership posts, each with a DEFAULT mapping onto the standard rows.
  // Provinces map ranks differently: the mapping is data (extra.postLevel), edited per province.
  ...list('rank', [
    ['lead_county_principal', '县级正职（领导职务）', 'County leader, principal', { postLevel: '131' }],
    ['lead_county_deputy', '县级副职（领导职务）', 'County leader, deputy', { postLevel: '132' }],
    ['lead_section_principal', '正科级（领导职务）', 'Section head (leadership post)', { postLevel: '141' }],
    ['lead_section_deputy', '副科级（领导职务）', 'Deputy section head (leadership post)', { postLevel: '142' }],
    ['rank_inspector_1', '一级巡视员', 'First-grade inspector', { postLevel: '121' }],
    ['rank_inspector_2', '二级巡视员', 'Second-grade inspector', { postLevel: '122' }],
    ['rank_researcher_1', '一级调研员', 'First-grade researcher', { postLevel: '131' }],
    ['rank_researcher_2', '二级调研员', 'Second-grade researcher', { postLevel: '131' }],
    ['rank_researcher_3', '三级调研员', 'Third-grade researcher', { postLevel: '132' }],
    ['rank_researcher_4', '四级调研员', 'Fourth-grade researcher', { postLevel: '132' }],
    ['rank_section_chief_1', '一级主任科员', 'First-grade principal staff member', { postLevel: '142' }],
    ['rank_section_chief_2', '二级主任科员', 'Second-grade principal staff member', { postLevel: '142' }],
    ['rank_section_chief_3', '三级主任科员', 'Third-grade principal staff member', { postLevel: '150' }],
    ['rank_section_chief_4', '四级主任科员', 'Fourth-grade principal staff member', { postLevel: '150' }],
    ['rank_clerk_1', '一级科员', 'First-grade staff member', { postLevel: '150' }],
    ['rank_clerk_2', '二级科员', 'Second-grade staff member', { postLevel: '160' }],
  ]),
  ...list('staffing_type', [
    ['admin', '行政编制', 'Administrative'],
    ['institution', '事业编制', 'Public institution'],
    ['worker', '工勤', 'Service worker'],
    ['contract', '编外', 'Contract'],
  ]),
  ...list('person_status', [
    ['active', '在职', 'Active'],
    ['transferred', '调离', 'Transferred'],
    ['retired', '退休', 'Retired'],
  ]),
  ...list('gender', [
    ['M', '男', 'Male'],
    ['F', '女', 'Female'],
  ]),
  ...list('room_use_class', [
    ['office', '办公室', 'Office'],
    ['service', '服务用房', 'Service room'],
    ['equipment', '设备用房', 'Equipment room'],
    ['auxiliary', '附属用房', 'Auxiliary room'],
  ]),
  ...list('room_use', [
    ['office', '办公室', 'Office', { useClass: 'office' }],
    ['meeting', '会议室', 'Meeting room', { useClass: 'service' }],
    ['reception', '接待室', 'Reception room', { useClass: 'service' }],
    ['archive', '档案室', 'Archive', { useClass: 'service' }],
    ['printing', '文印室', 'Print room', { useClass: 'service' }],
    ['server', '机房', 'Server room', { useClass: 'equipment' }],
    ['canteen', '食堂', 'Canteen', { useClass: 'auxiliary' }],
    ['garage', '车库', 'Garage', { useClass: 'auxiliary' }],
    ['duty', '值班室', 'Duty room', { useClass: 'service' }],
    ['toilet', '卫生间', 'Toilet', { useClass: 'service' }],
    ['rest', '休息室', 'Rest room', { useClass: 'office' }],
    ['storage', '储藏室', 'Storage', { useClass: 'service' }],
    ['library', '资料室', 'Reading room', { useClass: 'service' }],
    ['activity', '活动室', 'Activity room', { useClass: 'service' }],
    ['clinic', '医务室', 'Clinic', { useClass: 'auxiliary' }],
  ]),
  ...list('energy_type', [
    ['electricity', '电力', 'Electricity', { unit: 'kWh' }],
    ['water', '水', 'Water', { unit: 'm³' }],
    ['natural_gas', '天然气', 'Natural gas', { unit: 'm³' }],
    ['district_heat', '外购热力', 'District heat', { unit: 'MJ' }],
    ['gasoline', '汽油', 'Gasoline', { unit: 'L' }],
    ['diesel', '柴油', 'Diesel', { unit: 'L' }],
    ['lpg', '液化石油气', 'LPG', { unit: 'kg' }],
    ['coal', '原煤', 'Raw coal', { unit: 'kg' }],
    ['solar_pv', '光伏发电', 'Solar PV generation', { unit: 'kWh' }],
  ]),
  // Codes as the vehicles module uses them (the caps rule from version 2 is keyed by them).
  ...list('vehicle_type', [
    ['confidential_comm', '机要通信用车', 'Confidential communications'],
    ['emergency', '应急保障用车', 'Emergency support'],
    ['law_enforcement', '执法执勤用车', 'Law enforcement'],
    ['special_technical', '特种专业技术用车', 'Special technical'],
    ['other', '其他', 'Other'],
  ]),
  ...list('vehicle_body_type', [
    ['sedan', '轿车', 'Sedan'],
    ['suv', '越野车（SUV）', 'SUV'],
    ['mpv', '多用途车（MPV）', 'MPV'],
    ['bus_small_medium', '中小型客车', 'Small/medium bus'],
    ['bus_large', '大型客车', 'Large bus'],
    ['pickup', '皮卡', 'Pickup'],
    ['van', '厢式货车', 'Van'],
    ['other', '其他', 'Other'],
  ]),
  ...list('vehicle_energy', [
    ['gasoline', '汽油', 'Gasoline'],
    ['diesel', '柴油', 'Diesel'],
    ['hybrid', '油电混合（非插电）', 'Hybrid (not plug-in)'],
    ['plugin_hybrid', '插电式混合动力', 'Plug-in hybrid', { newEnergy: true }],
    ['electric', '纯电动', 'Battery electric', { newEnergy: true }],
    ['fuel_cell', '燃料电池', 'Fuel cell', { newEnergy: true }],
    ['cng', '天然气', 'Natural gas (CNG)'],
  ]),
  ...list('asset_status', [
    ['in_use', '在用', 'In use'],
    ['idle', '闲置', 'Idle'],
    ['in_pool', '在仓', 'In pool'],
    ['reserved', '已预留', 'Reserved'],
    ['on_loan', '出借', 'On loan'],
    ['disposed', '已处置', 'Disposed'],
  ]),
  // GB/T 14885-2022 固定资产等资产基础分类与代码: the eight top levels and the common furniture,
  // office-equipment and vehicle classes. `lifeYears` is the default depreciation life
  // (《政府会计准则第3号——固定资产》应用指南); an administrator adds or corrects codes here.
  ...list('asset_category', [
    ['A010000', '房屋和构筑物', 'Buildings and structures', { level: 1, lifeYears: 50 }],
    ['A020000', '设备', 'Equipment', { level: 1, lifeYears: 8 }],
    ['A020100', '信息化设备', 'IT equipment', { level: 2, parent: 'A020000', lifeYears: 6 }],
    ['A020101', '计算机', 'Computers', { level: 3, parent: 'A020100', lifeYears: 6 }],
    ['A020102', '打印、复印和扫描设备', 'Printers, copiers and scanners', { level: 3, parent: 'A020100', lifeYears: 6 }],
    ['A020103', '网络设备', 'Network equipment', { level: 3, parent: 'A020100', lifeYears: 6 }],
    ['A020104', '投影和显示设备', 'Projectors and displays', { level: 3, parent: 'A020100', lifeYears: 6 }],
    ['A020200', '办公设备', 'Office equipment', { level: 2, parent: 'A020000', lifeYears: 6 }],
    ['A020201', '碎纸机和装订设备', 'Shredders and binders', { level: 3, parent: 'A020200', lifeYears: 6 }],
    ['A020202', '保险柜', 'Safes', { level: 3, parent: 'A020200', lifeYears: 10 }],
    ['A020300', '车辆', 'Vehicles', { level: 2, parent: 'A020000', lifeYears: 8 }],
    ['A020301', '乘用车', 'Passenger cars', { level: 3, parent: 'A020300', lifeYears: 8 }],
    ['A020302', '客车', 'Buses', { level: 3, parent: 'A020300', lifeYears: 8 }],
    ['A020303', '专用车辆', 'Special-purpose vehicles', { level: 3, parent: 'A020300', lifeYears: 8 }],
    ['A020400', '电气设备', 'Electrical equipment', { level: 2, parent: 'A020000', lifeYears: 8 }],
    ['A020401', '空调机', 'Air conditioners', { level: 3, parent: 'A020400', lifeYears: 8 }],
    ['A020500', '通信设备', 'Communication equipment', { level: 2, parent: 'A020000', lifeYears: 5 }],
    ['A030000', '文物和陈列品', 'Cultural relics and exhibits', { level: 1, lifeYears: 0 }],
    ['A040000', '图书和档案', 'Books and archives', { level: 1, lifeYears: 0 }],
    ['A050000', '家具和用具', 'Furniture and fixtures', { level: 1, lifeYears: 15 }],
    ['A050100', '家具', 'Furniture', { level: 2, parent: 'A050000', lifeYears: 15 }],
    ['A050101', '床类', 'Beds', { level: 3, parent: 'A050100', lifeYears: 15 }],
    ['A050102', '台、桌类', 'Desks and tables', { level: 3, parent: 'A050100', lifeYears: 15 }],
    ['A050103', '椅凳类', 'Chairs and stools', { level: 3, parent: 'A050100', lifeYears: 15 }],
    ['A050104', '沙发类', 'Sofas', { level: 3, parent: 'A050100', lifeYears: 15 }],
    ['A050105', '柜类', 'Cabinets', { level: 3, parent: 'A050100', lifeYears: 15 }],
    ['A050106', '架类', 'Shelves and racks', { level: 3, parent: 'A050100', lifeYears: 15 }],
    ['A050200', '用具、装具', 'Fixtures and fittings', { level: 2, parent: 'A050000', lifeYears: 5 }],
    ['A060000', '特种动植物', 'Special animals and plants', { level: 1, lifeYears: 0 }],
    ['A070000', '物资', 'Materials', { level: 1, lifeYears: 0 }],
    ['A080000', '无形资产', 'Intangible assets', { level: 1, lifeYears: 10 }],
  ]),
  ...list('asset_funding_source', [
    ['budget', '财政拨款', 'Budget appropriation'],
    ['own_funds', '单位自有资金', 'Own funds'],
    ['allocated', '无偿调入', 'Transferred in free of charge'],
    ['donated', '接受捐赠', 'Donation'],
    ['other', '其他', 'Other'],
  ]),
  // GB/T 43243-2023 处置形式
  ...list('asset_disposal_method', [
    ['scrap', '报废', 'Scrap'],
    ['auction', '拍卖', 'Auction'],
    ['donation', '捐赠', 'Donation'],
    ['transfer', '转让', 'Transfer for value'],
  ]),
  ...list('asset_hand_in_reason', [
    ['idle', '闲置', 'Idle'],
    ['over_standard', '超标准配置', 'Over standard'],
    ['abolished_body', '机构撤并', 'Abolished or merged body'],
    ['event', '大型活动结余', 'Left over from an event'],
  ]),
  ...list('asset_condition', [
    ['A', '完好（可直接调剂）', 'Good: reusable as is', { usable: true }],
    ['B', '基本完好（稍加维修）', 'Fair: reusable after minor repair', { usable: true }],
    ['C', '较差（需大修）', 'Poor: needs major repair', { usable: false }],
    ['D', '报废', 'Scrap', { usable: false }],
  ]),
  ...list('procurement_method', [
    ['open_tender', '公开招标', 'Open tender'],
    ['invited_tender', '邀请招标', 'Invited tender'],
    ['competitive_negotiation', '竞争性谈判', 'Competitive negotiation'],
    ['competitive_consultation', '竞争性磋商', 'Competitive consultation'],
    ['single_source', '单一来源', 'Single source'],
    ['inquiry', '询价', 'Request for quotation'],
    ['framework', '框架协议', 'Framework agreement'],
    ['designated', '定点', 'Designated supplier'],
  ]),
  ...list('general_request_category', [
    ['purchase', '物品申领', 'Supplies'],
    ['service', '后勤服务', 'Logistics service'],
    ['venue', '场地使用', 'Venue use'],
    ['other', '其他事项', 'Other'],
  ]),
];

export type SeedRuleTable = {
  name: string;
  version: number;
  effectiveFrom: string;
  titleZh: string;
  titleEn: string;
  source: string;
  data: unknown;
};

export const RULE_TABLES: SeedRuleTable[] = [
  {
    name: 'office_area_standard',
    version: 1,
    effectiveFrom: '2014-12-29',
    titleZh: '办公室使用面积标准',
    titleEn: 'Office use-area standards',
    source: '《党政机关办公用房建设标准》（发改投资〔2014〕2674号）；《党政机关办公用房管理办法》（中办发〔2017〕70号）',
    data: {
      unit: 'm2',
      // (agency level, GB/T 12407 post level) → ㎡. Township is set by each province (in principle ≤ county deputy).
      standards: {
        central: { '111': 54, '112': 42, '121': 24, '122': 18, '131': 12, '132': 12, '141': 9, '142': 9, '150': 9, '160': 9, '199': 9 },
        province: { '111': 54, '112': 42, '121': 30, '122': 24, '131': 18, '132': 12, '141': 9, '142': 9, '150': 9, '160': 9, '199': 9 },
        city: { '121': 42, '122': 30, '131': 24, '132': 18, '141': 9, '142': 9, '150': 9, '160': 9, '199': 9 },
        county: { '131': 30, '132': 24, '141': 18, '142': 12, '150': 9, '160': 9, '199': 9 },
        township: { unconfirmed: true, note: '由各省规定，原则上不超过县级副职（24 ㎡）' },
      },
      leaderToiletMaxM2: 6,
      serviceRoomPerPerson: { min: 5, max: 10 },
      equipmentRoomShare: 0.09,
      usableCoefficient: { multiStorey: 0.65, highRise: 0.6 },
      recoverWithinMonths: { transfer: 1, concurrentPost: 2 },
      majorRepairMaxAreaIncrease: 0.15,
    },
  },
  {
    name: 'vehicle_caps',
    version: 1,
    effectiveFrom: '2017-12-01',
    titleZh: '公务用车配备标准',
    titleEn: 'Official vehicle caps',
    source: '《党政机关公务用车管理办法》（中办发〔2017〕71号）',
    data: {
      byType: {
        confidential: { priceCapYuan: 120000, displacementCapL: 1.6 },
        emergency: { priceCapYuan: 180000, displacementCapL: 1.8 },
        enforcement: { priceCapYuan: 120000, displacementCapL: 1.6, whereNeeded: { priceCapYuan: 180000, displacementCapL: 1.8 } },
        bus_small_medium: { priceCapYuan: 250000, displacementCapL: 3.0 },
        bus_large: { priceCapYuan: 450000, displacementCapL: null },
        new_energy_sedan: { priceCapYuan: 180000, displacementCapL: null },
      },
      domesticOnly: true,
      noSuvForLeaderFixedCar: true,
      newEnergyMinShareCentral: 0.3,
      unitCapRatio: 0.7,
      replacement: { years: 8, km: 250000, unconfirmed: true },
    },
  },
  {
    // Version 2 restates version 1 in the vehicles module's vocabulary (type, body type and
    // energy codes of the code lists above) and spells out what version 1 left implicit: the
    // cap of the "other authorised types", which energies count as new energy, which body
    // types count as SUV. Same effective date: the higher version wins on every date.
    name: 'vehicle_caps',
    version: 2,
    effectiveFrom: '2017-12-01',
    titleZh: '公务用车配备标准',
    titleEn: 'Official vehicle caps',
    source: '《党政机关公务用车管理办法》（中办发〔2017〕71号）',
    data: {
      byType: {
        confidential_comm: { priceCapYuan: 120000, displacementCapL: 1.6 },
        emergency: { priceCapYuan: 180000, displacementCapL: 1.8 },
        law_enforcement: { priceCapYuan: 120000, displacementCapL: 1.6, whereNeeded: { priceCapYuan: 180000, displacementCapL: 1.8 } },
        special_technical: { priceCapYuan: 180000, displacementCapL: 1.8 },
        other: { priceCapYuan: 180000, displacementCapL: 1.8 },
      },
      // Special cases by body type: they replace the type's cap.
      byBodyType: {
        bus_small_medium: { priceCapYuan: 250000, displacementCapL: 3.0 },
        bus_large: { priceCapYuan: 450000, displacementCapL: null },
      },
      newEnergySedan: { priceCapYuan: 180000, displacementCapL: null },
      newEnergyEnergies: ['electric', 'plugin_hybrid', 'fuel_cell'],
      suvBodyTypes: ['suv'],
      domesticOnly: true,
      noSuvForLeaderFixedCar: true,
      fuelNeedsReason: true,
      newEnergyMinShareCentral: 0.3,
      unitCapRatio: 0.7,
      replacement: { years: 8, km: 250000, unconfirmed: true },
    },
  },
  {
    name: 'vehicle_cost_rules',
    version: 1,
    effectiveFrom: '2017-12-01',
    titleZh: '公务用车运行费用管理规则',
    titleEn: 'Official vehicle running-cost rules',
    source: '《党政机关公务用车管理办法》（中办发〔2017〕71号）第五章 定点保险、定点维修、定点加油；阈值为本地配置（未经确认的默认值）',
    data: {
      // Unconfirmed defaults, to be set locally.
      /** A repair above this amount goes through the approval engine. */
      repairApprovalAboveYuan: 5000,
      /** A month's consumption per 100 km above factor × the median of the class or of the car's own history. */
      consumptionFactor: 1.3,
      /** Months with less distance between refuels are not judged. */
      consumptionMinKm: 300,
      /** Months a median needs before it is used. */
      consumptionMinSamples: 3,
      /** A fill above tank (battery) capacity × tolerance is flagged. */
      tankTolerance: 1.0,
      /** How far back the anomaly scan reads. */
      lookbackDays: 400,
      unconfirmed: true,
    },
  },
  {
    name: 'coal_coefficients',
    version: 1,
    effectiveFrom: '2025-11-10',
    titleZh: '能源折标准煤系数及对标值',
    titleEn: 'Standard-coal coefficients and reference values',
    source: 'GB/T 2589；公共机构能源资源消费统计调查制度（国管局 2025-11-10 修订）',
    data: {
      kgcePer: {
        electricity_kWh: 0.1229,
        raw_coal_kg: 0.7143,
        coke_kg: 0.9714,
        gasoline_kg: 1.4714,
        kerosene_kg: 1.4714,
        diesel_kg: 1.4571,
        fuel_oil_kg: 1.4286,
        lpg_kg: 1.7143,
        natural_gas_m3: 1.2143,
        oilfield_gas_m3: 1.33,
        heat_MJ: 0.0341,
      },
      electricityEqualValue: { kgcePerKWh: 0.404, unconfirmed: true },
      densityKgPerL: { gasoline: 0.73, diesel: 0.84 },
      national: {
        2020: { kgcePerM2: 18.48, kgcePerPerson: 329.56, waterM3PerPerson: 21.53 },
        2022: { kgcePerM2: 18.03, kgcePerPerson: 321.27, waterM3PerPerson: 20.99 },
      },
      targets2025vs2020: { perM2: -0.05, perPerson: -0.06, waterPerPerson: -0.06, co2PerM2: -0.07 },
      acSetpoints: { summerMinC: 26, winterMaxC: 20 },
      waterLossThreshold: 0.04,
    },
  },
  {
    name: 'energy_rules',
    version: 1,
    effectiveFrom: '2000-01-01',
    titleZh: '公共机构节能管理参数',
    titleEn: 'Public-institution energy parameters',
    source:
      '《公共机构节能条例》；排放因子为常用缺省值（电网 2022 年全国平均 0.5366 kgCO₂/kWh，生态环境部、国家统计局 2024 公布；其余按 GB/T 32150 缺省值推算）；其余阈值为本地配置（未经确认的默认值）',
    data: {
      /** Which electricity coefficient the indicators use: 当量值 (0.1229) or 等价值 (coal_coefficients.electricityEqualValue). */
      electricityScheme: 'equivalent',
      /** kg CO₂ per unit (the coefficient table's units); unconfirmed defaults, set locally. */
      emissionFactors: {
        electricity_kWh: 0.5366,
        natural_gas_m3: 2.1622,
        gasoline_kg: 2.9251,
        kerosene_kg: 3.0179,
        diesel_kg: 3.0959,
        fuel_oil_kg: 3.1705,
        lpg_kg: 3.1013,
        raw_coal_kg: 1.9003,
        coke_kg: 2.8604,
        heat_MJ: 0.11,
        unconfirmed: true,
      },
      /** Densities not in the coefficient table (kg/L). */
      extraDensityKgPerL: { kerosene: 0.8, unconfirmed: true },
      readings: {
        /** A reading whose hourly rate exceeds this × the meter's time-weighted average rate is flagged as a spike (kept and counted). */
        spikeFactor: 6,
        /** Readings a meter needs before spikes are judged. */
        spikeMinSamples: 6,
        /** Time constant of that average, in hours (a week: longer than a day's and a week's cycle of use). */
        spikeTimeConstantHours: 168,
        /** Clock skew tolerated for a reading time ahead of the server. */
        maxFutureMinutes: 5,
        /** A wrap across the register's capacity counts as a rollover only if it adds less than this share of the capacity. */
        rolloverMaxShare: 0.1,
      },
      anomalies: {
        /** Master vs the sum of its sub-meters: water loss above coal_coefficients.waterLossThreshold; other energy above this. */
        submeterGapThreshold: 0.1,
        /** Night (22:00–06:00) or rest-day hourly load above this share of working-day daytime load. */
        baseloadMaxShare: 0.5,
        nightStartHour: 22,
        nightEndHour: 6,
        baseloadDays: 28,
        /** An interval meter silent for this long has stopped reporting; a manual meter without its month's reading after this many days. */
        stoppedAfterHours: 24,
        manualMissingDays: 10,
      },
      patrol: {
        /** The counting period: month, quarter or year. */
        period: 'quarter',
        /** The finding of this number for the same office in a period raises a public notice. */
        noticeAt: 3,
        /** Assessment points deducted per notice. */
        deductionPerNotice: 2,
        summerMonths: [6, 7, 8, 9],
        winterMonths: [11, 12, 1, 2, 3],
      },
      assessment: {
        weights: { quota: 40, change: 30, findings: 20, reporting: 10 },
        /** Points off the findings criterion per patrol finding. */
        pointsPerFinding: 1,
        /** Change of kgce per person on the year before that earns the full change score (−0.01 = a 1 % cut). */
        changeTarget: -0.01,
        grades: { excellent: 90, good: 80, pass: 60 },
        unconfirmed: true,
      },
      report: { deadline: '03-31', remindDaysBefore: 15 },
      unconfirmed: true,
    },
  },
  {
    name: 'reception_limits',
    version: 1,
    effectiveFrom: '2013-12-08',
    titleZh: '国内公务接待标准',
    titleEn: 'Official reception limits',
    source: '《党政机关国内公务接待管理规定》；《党政机关厉行节约反对浪费条例》（2025 修订）',
    data: {
      requireOfficialLetter: true,
      workingMealsMax: 1,
      accompanying: { guestsUpTo10: 3, above10Share: 1 / 3 },
      mealCostCapYuanPerPerson: { value: null, unconfirmed: true, note: '由当地财政部门规定' },
      portionRatio: { dishesFor: 9, diners: 10 },
    },
  },
  {
    name: 'procurement_rules',
    version: 1,
    effectiveFrom: '2020-03-02',
    titleZh: '政府采购信息公开与保证金规则',
    titleEn: 'Government procurement disclosure and bond rules',
    source: '《政府采购法实施条例》；财库〔2020〕10号',
    data: {
      intentionDaysBefore: 30,
      resultWorkingDays: 2,
      contractWorkingDays: 2,
      addOnMaxShare: 0.1,
      bidBondMaxShare: 0.02,
      performanceBondMaxShare: 0.1,
      singleSourceNoticeWorkingDays: 5,
      minQuotes: 3,
      // Orders under a framework agreement or from a designated supplier publish no intention
      // of their own (财库〔2020〕10号 covers the agreement, not each order).
      intentionExemptMethods: ['framework', 'designated'],
      // Quote comparison: 询价 always; other small purchases below the local limit unless
      // bought from a designated supplier, under a framework, or from a single source.
      quoteMethods: ['inquiry'],
      smallPurchaseBelowYuan: '500000.00',
      quoteExemptMethods: ['designated', 'framework', 'single_source'],
    },
  },
  {
    // Approval steps by the original value of a disposal (one asset or the batch). Local
    // finance rules set the limits; these are common provincial defaults, marked so.
    name: 'asset_disposal_thresholds',
    version: 1,
    effectiveFrom: '2020-01-01',
    titleZh: '资产处置审批权限（按原值）',
    titleEn: 'Asset disposal approval limits (by original value)',
    source: '《行政事业性国有资产管理条例》（国务院令第738号）；限额由各地财政部门规定',
    data: {
      unconfirmed: true,
      tiers: [
        {
          upToYuan: '500000.00',
          steps: ['unit_leader', 'bureau_asset_admin'],
          labelZh: '单位审批，报机关事务管理局备案',
          labelEn: 'Unit approves, bureau files',
        },
        {
          upToYuan: '2000000.00',
          steps: ['unit_leader', 'bureau_asset_admin', 'bureau_leader'],
          labelZh: '机关事务管理局审批',
          labelEn: 'Bureau approves',
        },
        {
          upToYuan: null,
          steps: ['unit_leader', 'bureau_asset_admin', 'bureau_leader', 'finance'],
          labelZh: '机关事务管理局审核，报财政部门审批',
          labelEn: 'Bureau reviews, finance department approves',
        },
      ],
      earlyScrapNeedsReason: true,
    },
  },
  {
    name: 'asset_pool_rules',
    version: 1,
    effectiveFrom: '2020-01-01',
    titleZh: '公物仓运行规则',
    titleEn: 'Public asset pool rules',
    source: '公物仓管理办法（各地）；shared/domain/regulations.md §6',
    data: {
      loanReminderDaysBefore: 7,
      usableConditions: ['A', 'B'],
      poolBeforePurchase: true,
    },
  },
];

export type SeedCalendarDay = { day: string; kind: 'holiday' | 'workday'; nameZh: string; nameEn: string };

const span = (from: string, to: string, nameZh: string, nameEn: string): SeedCalendarDay[] => {
  const out: SeedCalendarDay[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86400_000)
    out.push({ day: utcDay(t), kind: 'holiday', nameZh, nameEn });
  return out;
};
const work = (day: string, nameZh: string, nameEn: string): SeedCalendarDay => ({
  day,
  kind: 'workday',
  nameZh: `${nameZh}调休上班`,
  nameEn: `${nameEn} make-up workday`,
});

/**
 * State Council holiday notices for 2024–2026 (国办发明电). Administrators must check each
 * year against the official notice and add the next year when it is published (usually in
 * November) in the calendar editor.
 */
export const CALENDAR_DAYS: SeedCalendarDay[] = [
  // 2024
  ...span('2024-01-01', '2024-01-01', '元旦', "New Year's Day"),
  ...span('2024-02-10', '2024-02-17', '春节', 'Spring Festival'),
  work('2024-02-04', '春节', 'Spring Festival'),
  work('2024-02-18', '春节', 'Spring Festival'),
  ...span('2024-04-04', '2024-04-06', '清明节', 'Qingming'),
  work('2024-04-07', '清明节', 'Qingming'),
  ...span('2024-05-01', '2024-05-05', '劳动节', 'Labour Day'),
  work('2024-04-28', '劳动节', 'Labour Day'),
  work('2024-05-11', '劳动节', 'Labour Day'),
  ...span('2024-06-10', '2024-06-10', '端午节', 'Dragon Boat Festival'),
  ...span('2024-09-15', '2024-09-17', '中秋节', 'Mid-Autumn Festival'),
  work('2024-09-14', '中秋节', 'Mid-Autumn Festival'),
  ...span('2024-10-01', '2024-10-07', '国庆节', 'National Day'),
  work('2024-09-29', '国庆节', 'National Day'),
  work('2024-10-12', '国庆节', 'National Day'),
  // 2025
  ...span('2025-01-01', '2025-01-01', '元旦', "New Year's Day"),
  ...span('2025-01-28', '2025-02-04', '春节', 'Spring Festival'),
  work('2025-01-26', '春节', 'Spring Festival'),
  work('2025-02-08', '春节', 'Spring Festival'),
  ...span('2025-04-04', '2025-04-06', '清明节', 'Qingming'),
  ...span('2025-05-01', '2025-05-05', '劳动节', 'Labour Day'),
  work('2025-04-27', '劳动节', 'Labour Day'),
  ...span('2025-05-31', '2025-06-02', '端午节', 'Dragon Boat Festival'),
  ...span('2025-10-01', '2025-10-08', '国庆节、中秋节', 'National Day and Mid-Autumn'),
  work('2025-09-28', '国庆节', 'National Day'),
  work('2025-10-11', '国庆节', 'National Day'),
  // 2026
  ...span('2026-01-01', '2026-01-03', '元旦', "New Year's Day"),
  work('2026-01-04', '元旦', "New Year's Day"),
  ...span('2026-02-15', '2026-02-23', '春节', 'Spring Festival'),
  work('2026-02-14', '春节', 'Spring Festival'),
  work('2026-02-28', '春节', 'Spring Festival'),
  ...span('2026-04-04', '2026-04-06', '清明节', 'Qingming'),
  ...span('2026-05-01', '2026-05-05', '劳动节', 'Labour Day'),
  work('2026-05-09', '劳动节', 'Labour Day'),
  ...span('2026-06-19', '2026-06-21', '端午节', 'Dragon Boat Festival'),
  ...span('2026-09-25', '2026-09-27', '中秋节', 'Mid-Autumn Festival'),
  ...span('2026-10-01', '2026-10-07', '国庆节', 'National Day'),
  work('2026-09-20', '国庆节', 'National Day'),
  work('2026-10-10', '国庆节', 'National Day'),
];
