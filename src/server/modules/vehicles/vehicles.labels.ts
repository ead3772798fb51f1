/**
 * Labels of the vehicle codes that more than one reader shows: the audit vocabulary and the
 * approval summary name a vehicle's type and energy the same way.
 */
export const VEHICLE_TYPE_LABELS = {
  confidential_comm: { zh: '机要通信用车', en: 'Confidential communications' },
  emergency: { zh: '应急保障用车', en: 'Emergency support' },
  law_enforcement: { zh: '执法执勤用车', en: 'Law enforcement' },
  special_technical: { zh: '特种专业技术用车', en: 'Special technical' },
  other: { zh: '其他公务用车', en: 'Other official use' },
} as const;

export const VEHICLE_ENERGY_LABELS = {
  gasoline: { zh: '汽油', en: 'Gasoline' },
  diesel: { zh: '柴油', en: 'Diesel' },
  hybrid: { zh: '油电混合', en: 'Hybrid' },
  plugin_hybrid: { zh: '插电式混合动力', en: 'Plug-in hybrid' },
  electric: { zh: '纯电动', en: 'Electric' },
  fuel_cell: { zh: '燃料电池', en: 'Fuel cell' },
  cng: { zh: '天然气', en: 'CNG' },
} as const;
