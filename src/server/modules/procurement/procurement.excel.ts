import { type ExcelColumn, writeAudit } from '../../core';
import type { Executor } from '../../core';
import type { AuthContext } from '../../core';
import { PROCUREMENT_METHODS } from '../../../contracts/modules/procurement';

const METHOD_LABELS: Record<string, [string, string]> = {
  open_tender: ['公开招标', 'Open tender'],
  invited_tender: ['邀请招标', 'Invited tender'],
  competitive_negotiation: ['竞争性谈判', 'Competitive negotiation'],
  competitive_consultation: ['竞争性磋商', 'Competitive consultation'],
  single_source: ['单一来源', 'Single source'],
  inquiry: ['询价', 'Request for quotation'],
  framework: ['框架协议', 'Framework agreement'],
  designated: ['定点采购', 'Designated supplier'],
};
const method: ExcelColumn = {
  key: 'method',
  headerZh: '采购方式',
  headerEn: 'Method',
  type: 'enum',
  enum: PROCUREMENT_METHODS.map((m) => ({ code: m, labelZh: METHOD_LABELS[m]![0], labelEn: METHOD_LABELS[m]![1] })),
  width: 14,
};

/** The project register as the procurement centre files it, with the disclosure dates. */
export const PROJECT_COLUMNS: ExcelColumn[] = [
  { key: 'code', headerZh: '项目编号', headerEn: 'Code', type: 'string', width: 16 },
  { key: 'name', headerZh: '项目名称', headerEn: 'Project', type: 'string', width: 30 },
  { key: 'orgName', headerZh: '采购单位', headerEn: 'Unit', type: 'string', width: 22 },
  method,
  { key: 'budget', headerZh: '预算金额(元)', headerEn: 'Budget (yuan)', type: 'money', width: 14 },
  { key: 'contractAmount', headerZh: '合同金额(元)', headerEn: 'Contract (yuan)', type: 'money', width: 14 },
  { key: 'saved', headerZh: '节约资金(元)', headerEn: 'Saved (yuan)', type: 'money', width: 14 },
  { key: 'savingsRate', headerZh: '节资率', headerEn: 'Savings rate', type: 'number' },
  { key: 'supplierName', headerZh: '供应商', headerEn: 'Supplier', type: 'string', width: 22 },
  { key: 'intentionPublishedOn', headerZh: '意向公开日期', headerEn: 'Intention published', type: 'string' },
  { key: 'awardDate', headerZh: '成交日期', headerEn: 'Awarded', type: 'string' },
  { key: 'resultPublishedOn', headerZh: '结果公告日期', headerEn: 'Result published', type: 'string' },
  { key: 'contractDate', headerZh: '合同签订日期', headerEn: 'Contract signed', type: 'string' },
  { key: 'contractPublishedOn', headerZh: '合同公告日期', headerEn: 'Contract published', type: 'string' },
  { key: 'breachText', headerZh: '合规问题', headerEn: 'Breaches', type: 'string', width: 40 },
];

export const PLAN_COLUMNS: ExcelColumn[] = [
  { key: 'year', headerZh: '年度', headerEn: 'Year', type: 'number' },
  { key: 'orgName', headerZh: '采购单位', headerEn: 'Unit', type: 'string', width: 22 },
  { key: 'itemName', headerZh: '采购品目', headerEn: 'Item', type: 'string', width: 22 },
  { key: 'categoryCode', headerZh: '分类代码', headerEn: 'Category', type: 'string' },
  method,
  { key: 'plannedMonth', headerZh: '计划月份', headerEn: 'Month', type: 'number' },
  { key: 'budget', headerZh: '计划预算(元)', headerEn: 'Budget (yuan)', type: 'money', width: 14 },
  { key: 'projects', headerZh: '项目数', headerEn: 'Projects', type: 'number' },
  { key: 'committed', headerZh: '已立项预算(元)', headerEn: 'Committed (yuan)', type: 'money', width: 14 },
  { key: 'contracted', headerZh: '已签合同(元)', headerEn: 'Contracted (yuan)', type: 'money', width: 14 },
  { key: 'remaining', headerZh: '计划余额(元)', headerEn: 'Remaining (yuan)', type: 'money', width: 14 },
];

export async function auditExport(
  db: { transaction: <T>(f: (tx: Executor) => Promise<T>) => Promise<T> },
  ctx: AuthContext,
  entityType: string,
  summary: string,
) {
  await db.transaction((tx) => writeAudit(tx, ctx.auditActor(), { action: 'export', entityType, summary }));
}
