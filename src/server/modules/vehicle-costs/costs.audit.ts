import { defineAuditVocabulary } from '../../core';

/** What the audit log calls the vehicle-cost records and fields (see core/audit/audit.vocabulary.ts). */
export const COSTS_AUDIT = defineAuditVocabulary({
  entities: {
    vehicle_cost: { zh: '车辆费用', en: 'Vehicle cost' },
    vehicle_vendor: { zh: '定点服务商', en: 'Designated vendor' },
    vehicle_fuel_card: { zh: '加油卡', en: 'Fuel card' },
    vehicle_anomaly: { zh: '车辆费用异常', en: 'Vehicle cost anomaly' },
  },
  fields: {
    vendorId: { zh: '服务商', en: 'Vendor', kind: 'ref' },
    fuelCardId: { zh: '加油卡', en: 'Fuel card', kind: 'ref' },
    liters: { zh: '加油量', en: 'Litres', unit: { zh: 'L', en: 'L' } },
    kwh: { zh: '充电量', en: 'Charged', unit: { zh: 'kWh', en: 'kWh' } },
    needsApproval: { zh: '需审批', en: 'Needs approval', kind: 'boolean' },
    threshold: { zh: '审批限额', en: 'Approval threshold', kind: 'money' },
    kind: {
      zh: '费用类别',
      en: 'Cost kind',
      values: {
        fuel: { zh: '燃油', en: 'Fuel' },
        charging: { zh: '充电', en: 'Charging' },
        repair: { zh: '维修保养', en: 'Repair' },
        insurance: { zh: '保险', en: 'Insurance' },
        inspection: { zh: '年检', en: 'Inspection' },
        toll: { zh: '通行费', en: 'Toll' },
        parking: { zh: '停车费', en: 'Parking' },
        other: { zh: '其他', en: 'Other' },
      },
    },
  },
});
