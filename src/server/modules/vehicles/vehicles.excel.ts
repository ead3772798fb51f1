import type { ExcelColumn } from '../../core';

const opts = (rows: [string, string, string][]) => rows.map(([code, labelZh, labelEn]) => ({ code, labelZh, labelEn }));

/** The vehicle ledger (台账) as a spreadsheet, in the order the bureau's paper ledger keeps. */
export const VEHICLE_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'plate', headerZh: '号牌', headerEn: 'Plate', type: 'string', width: 14 },
  { key: 'orgName', headerZh: '使用单位', headerEn: 'Unit', type: 'string', width: 24 },
  {
    key: 'type',
    headerZh: '车辆类型',
    headerEn: 'Type',
    type: 'enum',
    enum: opts([
      ['confidential_comm', '机要通信用车', 'Confidential communication'],
      ['emergency', '应急保障用车', 'Emergency support'],
      ['law_enforcement', '执法执勤用车', 'Law enforcement'],
      ['special_technical', '特种专业技术用车', 'Special technical'],
      ['other', '其他公务用车', 'Other'],
    ]),
    width: 16,
  },
  { key: 'leaderFixed', headerZh: '领导干部固定用车', headerEn: 'Leader fixed car', type: 'boolean' },
  { key: 'brand', headerZh: '品牌', headerEn: 'Brand', type: 'string' },
  { key: 'model', headerZh: '型号', headerEn: 'Model', type: 'string', width: 16 },
  { key: 'domestic', headerZh: '国产', headerEn: 'Domestic', type: 'boolean' },
  { key: 'bodyType', headerZh: '车身类型', headerEn: 'Body type', type: 'string' },
  { key: 'energy', headerZh: '能源类型', headerEn: 'Energy', type: 'string' },
  { key: 'displacement', headerZh: '排量(L)', headerEn: 'Displacement (L)', type: 'number' },
  { key: 'seats', headerZh: '座位数', headerEn: 'Seats', type: 'number' },
  { key: 'price', headerZh: '购置价格(元)', headerEn: 'Price (yuan)', type: 'money' },
  { key: 'purchaseDate', headerZh: '购置日期', headerEn: 'Purchased', type: 'string' },
  { key: 'odometerKm', headerZh: '行驶里程(km)', headerEn: 'Odometer (km)', type: 'number' },
  {
    key: 'marking',
    headerZh: '标识',
    headerEn: 'Marking',
    type: 'enum',
    enum: opts([
      ['official', '公务', 'Official'],
      ['law_enforcement', '行政执法', 'Law enforcement'],
      ['exempt', '免喷涂', 'Exempt'],
    ]),
  },
  {
    key: 'status',
    headerZh: '状态',
    headerEn: 'Status',
    type: 'enum',
    enum: opts([
      ['in_service', '在用', 'In service'],
      ['in_repair', '维修中', 'In repair'],
      ['sealed', '封存', 'Sealed'],
      ['disposed', '已处置', 'Disposed'],
    ]),
  },
];
