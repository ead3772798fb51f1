import { defineMessages } from '../../core';

/** Error codes of the office-supplies module, in both languages. */
export const SM = defineMessages({
  SUPPLIES_CODE_TAKEN: { 'zh-CN': '物品编码 {code} 已存在', en: 'Item code {code} already exists' },
  SUPPLIES_STOCK_SHORT: {
    'zh-CN': '{name} 库存不足：现有 {available}，需发放 {wanted}',
    en: 'Not enough {name} in stock: {available} on hand, {wanted} to issue',
  },
  SUPPLIES_ITEM_INACTIVE: { 'zh-CN': '物品 {name} 已停用', en: 'Item {name} is no longer in use' },
  SUPPLIES_NOT_STOCKED: { 'zh-CN': '{name} 在该库房无库存', en: '{name} is not stocked in this store' },
  SUPPLIES_REQUISITION_STATE: {
    'zh-CN': '请领单当前状态为“{status}”，不能发放',
    en: 'The requisition is {status} and cannot be issued',
  },
  SUPPLIES_ISSUE_OVER: {
    'zh-CN': '{name} 发放数量 {wanted} 超过请领数量 {requested}',
    en: 'Issuing {wanted} of {name} exceeds the {requested} requested',
  },
  SUPPLIES_ISSUE_EMPTY: { 'zh-CN': '没有可发放的数量', en: 'Nothing to issue' },
  SUPPLIES_FUTURE_DATE: { 'zh-CN': '入库日期不能晚于今天', en: 'The receipt date cannot be in the future' },
  SUPPLIES_STORE_KIND: { 'zh-CN': '库房应为机关事务局或单位', en: 'A store belongs to the bureau or a unit' },
});
