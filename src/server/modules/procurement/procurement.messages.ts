import { defineMessages } from '../../core';

/** Error codes of the procurement module and the wording of each breach, in both languages. */
export const PM = defineMessages({
  PROCUREMENT_CODE_TAKEN: { 'zh-CN': '项目编号 {code} 已存在', en: 'Project code {code} already exists' },
  PROCUREMENT_NO_RULE: { 'zh-CN': '没有生效的政府采购规则', en: 'No procurement rule is in force' },
  PROCUREMENT_PLAN_IN_USE: { 'zh-CN': '该计划已有采购项目，不能删除', en: 'Projects are recorded against this plan: it cannot be deleted' },
  PROCUREMENT_SUPPLIER_TAKEN: { 'zh-CN': '供应商 {name} 已登记', en: 'Supplier {name} is already registered' },
  PROCUREMENT_HAS_QUOTES: { 'zh-CN': '该项目已有报价记录，请先作废项目', en: 'The project has quotes: cancel it instead' },
  PBREACH_INTENTION_MISSING: {
    'zh-CN': '未公开采购意向（应于 {deadline} 前公开）',
    en: 'No procurement intention published (due by {deadline})',
  },
  PBREACH_INTENTION_LATE: {
    'zh-CN': '采购意向 {actual} 公开，晚于 {deadline}（应提前 30 日）',
    en: 'Intention published {actual}, after {deadline} (30 days before)',
  },
  PBREACH_SINGLE_SOURCE_SHORT: {
    'zh-CN': '单一来源公示 {actual} 个工作日，少于 {limit} 个工作日',
    en: 'Single-source notice ran {actual} working days, fewer than {limit}',
  },
  PBREACH_RESULT_LATE: { 'zh-CN': '中标（成交）结果应于 {deadline} 前公告', en: 'The award result was due by {deadline}' },
  PBREACH_CONTRACT_LATE: { 'zh-CN': '采购合同应于 {deadline} 前公告', en: 'The contract was due for publication by {deadline}' },
  PBREACH_ADD_ON_OVER: {
    'zh-CN': '追加采购 {actual} 元，超过合同金额 10%（{limit} 元）',
    en: 'Add-on {actual} yuan exceeds 10 % of the contract ({limit})',
  },
  PBREACH_BID_BOND_OVER: {
    'zh-CN': '投标保证金 {actual} 元，超过预算 2%（{limit} 元）',
    en: 'Bid bond {actual} yuan exceeds 2 % of the budget ({limit})',
  },
  PBREACH_PERFORMANCE_BOND_OVER: {
    'zh-CN': '履约保证金 {actual} 元，超过合同金额 10%（{limit} 元）',
    en: 'Performance bond {actual} yuan exceeds 10 % of the contract ({limit})',
  },
  PBREACH_QUOTES_SHORT: {
    'zh-CN': '小额采购仅 {actual} 家报价，少于 {limit} 家且未说明理由',
    en: 'Only {actual} quotes for a small purchase, fewer than {limit}, with no reason',
  },
});
