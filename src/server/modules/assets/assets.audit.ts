import { defineAuditVocabulary } from '../../core';

/** What the audit log calls the asset records, fields and codes (see core/audit/audit.vocabulary.ts). */
export const ASSETS_AUDIT = defineAuditVocabulary({
  entities: {
    asset: { zh: '资产卡片', en: 'Asset card' },
    asset_warehouse: { zh: '公物仓', en: 'Asset pool' },
    asset_hand_in: { zh: '资产交仓', en: 'Hand-in to the pool' },
    asset_allocation: { zh: '公物仓调剂', en: 'Pool allocation' },
    asset_loan: { zh: '资产借用', en: 'Asset loan' },
    asset_disposal: { zh: '资产处置', en: 'Asset disposal' },
    asset_stocktake: { zh: '资产清查', en: 'Stocktake' },
  },
  fields: {
    assetIds: { zh: '资产', en: 'Assets', kind: 'ref' },
    assetId: { zh: '资产', en: 'Asset', kind: 'ref' },
    warehouseId: { zh: '公物仓', en: 'Pool', kind: 'ref' },
    originalValue: { zh: '原值', en: 'Original value', kind: 'money' },
    bookValue: { zh: '净值', en: 'Book value', kind: 'money' },
    reason: {
      zh: '原因',
      en: 'Reason',
      values: {
        idle: { zh: '闲置', en: 'Idle' },
        over_standard: { zh: '超标准配置', en: 'Over standard' },
        abolished_body: { zh: '机构撤并', en: 'Abolished body' },
        event: { zh: '大型活动结余', en: 'Event leftover' },
      },
    },
    whereNeeded: { zh: '指定使用地点', en: 'Place of use given', kind: 'boolean' },
    whereNeededReason: { zh: '使用地点说明', en: 'Place of use' },
    neededBy: { zh: '需用日期', en: 'Needed by', kind: 'day' },
    method: {
      zh: '处置方式',
      en: 'Method',
      values: {
        scrap: { zh: '报废', en: 'Scrap' },
        auction: { zh: '拍卖', en: 'Auction' },
        donation: { zh: '捐赠', en: 'Donation' },
        transfer: { zh: '转让', en: 'Transfer for value' },
      },
    },
    condition: {
      zh: '成色',
      en: 'Condition',
      values: {
        A: { zh: 'A 完好', en: 'A good' },
        B: { zh: 'B 基本完好', en: 'B fair' },
        C: { zh: 'C 较差', en: 'C poor' },
        D: { zh: 'D 报废', en: 'D scrap' },
      },
    },
  },
});
