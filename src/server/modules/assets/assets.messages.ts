import { defineMessages } from '../../core';

/** Error codes of the assets and pool module, in both languages. */
export const AM = defineMessages({
  ASSET_CODE_TAKEN: { 'zh-CN': '资产编号 {code} 已存在', en: 'Asset code {code} already exists' },
  ASSET_CATEGORY_UNKNOWN: { 'zh-CN': '资产分类 {code} 不在分类代码表中', en: 'Category {code} is not in the classification' },
  ASSET_STATE: { 'zh-CN': '资产 {code} 当前为“{status}”，不能{action}', en: 'Asset {code} is {status}: cannot {action}' },
  ASSET_RESERVED: {
    'zh-CN': '资产 {code} 已被其他申请（{by}）占用',
    en: 'Asset {code} is already held by another request ({by})',
  },
  ASSET_NOT_POOL: { 'zh-CN': '资产 {code} 不在公物仓中', en: 'Asset {code} is not in the pool' },
  ASSET_ONE_UNIT: { 'zh-CN': '一次申请只能包含同一单位的资产', en: 'One request can only hold assets of one unit' },
  ASSET_HAS_HISTORY: {
    'zh-CN': '资产已有上缴、调剂或处置记录，不能删除，请办理处置',
    en: 'The asset has pool or disposal records: dispose of it instead',
  },
  POOL_WAREHOUSE_TAKEN: { 'zh-CN': '仓库 {name} 已存在', en: 'Warehouse {name} already exists' },
  POOL_NO_WAREHOUSE: { 'zh-CN': '公物仓尚未设置在用仓库', en: 'The pool has no active warehouse' },
  POOL_REQUEST_STATE: { 'zh-CN': '申请 {code} 当前为“{status}”，不能{action}', en: 'Request {code} is {status}: cannot {action}' },
  POOL_NOT_IN_BATCH: { 'zh-CN': '资产 {code} 不在本批次中', en: 'Asset {code} is not in this batch' },
  POOL_ITEMS_AVAILABLE: {
    'zh-CN': '公物仓有 {count} 件同类可用资产（{category}），请先申请调剂，或说明不适用的理由',
    en: 'The pool holds {count} usable items of this category ({category}): request an allocation, or say why they do not fit',
  },
  ASSET_EARLY_SCRAP: {
    'zh-CN': '资产 {code} 未达到使用年限（{years} 年），提前报废须说明理由',
    en: 'Asset {code} has not reached its life of {years} years: give a reason for early scrapping',
  },
  STOCKTAKE_STATE: { 'zh-CN': '盘点任务当前为“{status}”，不能{action}', en: 'The stocktake is {status}: cannot {action}' },
});
