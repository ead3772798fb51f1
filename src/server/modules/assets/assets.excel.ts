import type { ExcelColumn } from '../../core';

const opts = (rows: [string, string, string][]) => rows.map(([code, labelZh, labelEn]) => ({ code, labelZh, labelEn }));

/** The asset register (资产卡片) as the finance and asset reports lay it out. */
export const ASSET_COLUMNS: ExcelColumn[] = [
  { key: 'code', headerZh: '资产编号', headerEn: 'Asset code', type: 'string', width: 22 },
  { key: 'name', headerZh: '资产名称', headerEn: 'Name', type: 'string', width: 22, required: true, example: '办公桌' },
  { key: 'categoryCode', headerZh: '分类代码', headerEn: 'Category code', type: 'string', width: 12, required: true, example: 'A050102' },
  { key: 'categoryName', headerZh: '分类名称', headerEn: 'Category', type: 'string', width: 14 },
  { key: 'orgName', headerZh: '使用单位', headerEn: 'Unit', type: 'string', width: 24, required: true },
  { key: 'spec', headerZh: '规格型号', headerEn: 'Specification', type: 'string', width: 18, example: '1600×800' },
  { key: 'quantity', headerZh: '数量', headerEn: 'Quantity', type: 'number', example: 1 },
  { key: 'unit', headerZh: '计量单位', headerEn: 'Unit of measure', type: 'string', example: '张' },
  { key: 'originalValue', headerZh: '原值(元)', headerEn: 'Original value (yuan)', type: 'money', required: true, example: 1200 },
  { key: 'netValue', headerZh: '净值(元)', headerEn: 'Net value (yuan)', type: 'money' },
  { key: 'purchaseDate', headerZh: '取得日期', headerEn: 'Acquired', type: 'date', example: '2021-03-15' },
  {
    key: 'fundingSource',
    headerZh: '资金来源',
    headerEn: 'Funding',
    type: 'enum',
    enum: opts([
      ['budget', '财政拨款', 'Budget appropriation'],
      ['own_funds', '单位自有资金', 'Own funds'],
      ['allocated', '无偿调入', 'Transferred in free of charge'],
      ['donated', '接受捐赠', 'Donation'],
      ['other', '其他', 'Other'],
    ]),
  },
  { key: 'custodian', headerZh: '使用人', headerEn: 'Custodian', type: 'string' },
  { key: 'location', headerZh: '存放地点', headerEn: 'Location', type: 'string', width: 20 },
  {
    key: 'status',
    headerZh: '状态',
    headerEn: 'Status',
    type: 'enum',
    enum: opts([
      ['in_use', '在用', 'In use'],
      ['idle', '闲置', 'Idle'],
      ['in_pool', '在仓', 'In pool'],
      ['reserved', '已预留', 'Reserved'],
      ['on_loan', '出借', 'On loan'],
      ['disposed', '已处置', 'Disposed'],
    ]),
  },
];

/** Import: the columns a unit fills (code optional: numbered on import). */
export const ASSET_IMPORT_COLUMNS = ASSET_COLUMNS.filter((c) => !['categoryName', 'netValue', 'status'].includes(c.key));
