import { type BuiltinRole, P, definePermissions } from '../../core';

/**
 * Energy permissions. The bureau's energy administrator is the built-in `manager` (everything,
 * district-wide); a unit's statistician (`energy_officer`, 统计员) keeps its meters, enters
 * readings and bills and files the annual report; an `energy_inspector` records patrol
 * findings on a phone; leaders read and approve. Smart-meter gateways get an API token holding
 * `energy.ingest` only.
 */
export const EP = definePermissions('energy', [
  { code: 'energy.read', zh: '查看能耗数据', en: 'View energy data' },
  { code: 'energy.write', zh: '维护本单位计量器具、录入读数与账单', en: 'Keep meters, enter readings and bills' },
  { code: 'energy.ingest', zh: '智能表计数据接入（批量上传读数）', en: 'Ingest smart-meter readings (batch API)' },
  { code: 'energy.report', zh: '填报能源资源消费统计年报', en: 'File the annual energy statistics report' },
  { code: 'energy.patrol', zh: '节能巡查登记', en: 'Record energy patrol findings' },
  { code: 'energy.manage', zh: '节能统一管理（定额、异常、考核、通报）', en: 'Administer energy (quotas, anomalies, assessment, notices)' },
] as const);

/** Permissions this module gives to built-in roles (listed in its declaration). */
export const ENERGY_GRANTS = {
  manager: Object.values(EP),
  leader: [EP['energy.read']],
  unit_admin: [EP['energy.read'], EP['energy.write'], EP['energy.report']],
};

/** Built-in roles this module adds (listed in its declaration). */
export const ENERGY_ROLES: BuiltinRole[] = [
  {
    code: 'energy_officer',
    nameZh: '能源统计员',
    nameEn: 'Energy statistician',
    adminClass: null,
    permissions: [P['files.upload'], EP['energy.read'], EP['energy.write'], EP['energy.report']],
    description: '本单位计量器具台账、读数与账单录入、能源资源消费统计年报填报',
  },
  {
    code: 'energy_inspector',
    nameZh: '节能巡查员',
    nameEn: 'Energy inspector',
    adminClass: null,
    permissions: [P['files.upload'], EP['energy.read'], EP['energy.patrol']],
    description: '节能巡查：长明灯、空调温度、跑冒滴漏等问题拍照登记',
  },
  {
    code: 'energy_gateway',
    nameZh: '能耗数据接入',
    nameEn: 'Energy data gateway',
    adminClass: null,
    permissions: [EP['energy.ingest']],
    description: '智能表计采集网关账户：只能批量上传读数（通过 API 令牌）',
  },
];
