import { utcDay } from '../util/dates';
/**
 * Code lists and the holiday calendar, seeded (sources: docs/regulations.md §10). Every number here is data, not
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

// Rule tables are declared with their schemas by the module that owns them
// (`<module>.ruletables.ts`) or, for the core's own, in core.ruletables.ts.

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
