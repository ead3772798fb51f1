import { defineAuditVocabulary } from '../../core';
import { VEHICLE_ENERGY_LABELS, VEHICLE_TYPE_LABELS } from './vehicles.labels';

/** What the audit log calls the vehicle records, fields and codes (see core/audit/audit.vocabulary.ts). */
export const VEHICLES_AUDIT = defineAuditVocabulary({
  entities: {
    vehicle: {
      zh: '车辆',
      en: 'Vehicle',
      fields: {
        status: {
          zh: '状态',
          en: 'Status',
          values: {
            in_service: { zh: '在用', en: 'In service' },
            in_repair: { zh: '维修中', en: 'In repair' },
            sealed: { zh: '封存', en: 'Sealed' },
            disposed: { zh: '已处置', en: 'Disposed' },
          },
        },
      },
    },
    vehicle_booking: {
      zh: '派车单',
      en: 'Booking',
      fields: {
        status: {
          zh: '状态',
          en: 'Status',
          values: {
            booked: { zh: '已派车', en: 'Booked' },
            in_progress: { zh: '出车中', en: 'On the road' },
            completed: { zh: '已收车', en: 'Returned' },
            cancelled: { zh: '已取消', en: 'Cancelled' },
          },
        },
      },
    },
    vehicle_trip_request: {
      zh: '用车申请',
      en: 'Trip request',
      fields: {
        status: {
          zh: '状态',
          en: 'Status',
          values: {
            approved: { zh: '待派车', en: 'Awaiting dispatch' },
            assigned: { zh: '已派车', en: 'Car assigned' },
            in_progress: { zh: '出车中', en: 'On the road' },
            completed: { zh: '待确认', en: 'To confirm' },
            confirmed: { zh: '已确认', en: 'Confirmed' },
          },
        },
      },
    },
    vehicle_purchase_request: { zh: '车辆购置申请', en: 'Vehicle purchase request' },
    vehicle_disposal: { zh: '车辆处置', en: 'Vehicle disposal' },
    vehicle_driver: { zh: '驾驶员', en: 'Driver' },
    vehicle_quota: { zh: '车辆编制', en: 'Vehicle quota' },
  },
  fields: {
    vehicleId: { zh: '车辆', en: 'Vehicle', kind: 'ref' },
    driverId: { zh: '驾驶员', en: 'Driver', kind: 'person' },
    bookingId: { zh: '派车单', en: 'Booking', kind: 'ref' },
    tripRequestId: { zh: '用车申请', en: 'Trip request', kind: 'ref' },
    plate: { zh: '号牌', en: 'Plate' },
    model: { zh: '品牌型号', en: 'Make and model' },
    displacement: { zh: '排量', en: 'Displacement', unit: { zh: 'L', en: 'L' } },
    seats: { zh: '座位数', en: 'Seats' },
    passengers: { zh: '乘车人数', en: 'Passengers' },
    origin: { zh: '出发地', en: 'From' },
    destination: { zh: '目的地', en: 'Destination' },
    start: { zh: '开始时间', en: 'Start', kind: 'instant' },
    end: { zh: '结束时间', en: 'End', kind: 'instant' },
    roundTrip: { zh: '往返', en: 'Round trip', kind: 'boolean' },
    restDay: { zh: '休息日用车', en: 'Rest-day trip', kind: 'boolean' },
    domestic: { zh: '国产品牌', en: 'Domestic brand', kind: 'boolean' },
    leaderFixed: { zh: '领导固定用车', en: "Leader's fixed car", kind: 'boolean' },
    fuelReason: { zh: '未选新能源的理由', en: 'Why not new energy' },
    odometerKm: { zh: '里程表读数', en: 'Odometer', unit: { zh: 'km', en: 'km' } },
    distanceKm: { zh: '行驶里程', en: 'Distance', unit: { zh: 'km', en: 'km' } },
    method: {
      zh: '处置方式',
      en: 'Method',
      values: { scrap: { zh: '报废', en: 'Scrap' }, auction: { zh: '拍卖', en: 'Auction' }, transfer: { zh: '划拨', en: 'Transfer' } },
    },
    type: {
      zh: '类型',
      en: 'Type',
      values: VEHICLE_TYPE_LABELS,
    },
    bodyType: {
      zh: '车型',
      en: 'Body type',
      values: {
        sedan: { zh: '轿车', en: 'Sedan' },
        suv: { zh: '越野车(SUV)', en: 'SUV' },
        mpv: { zh: '多功能乘用车(MPV)', en: 'MPV' },
        bus_small_medium: { zh: '中小型客车', en: 'Small/medium bus' },
        bus_large: { zh: '大型客车', en: 'Large bus' },
        pickup: { zh: '皮卡', en: 'Pickup' },
        van: { zh: '厢式货车', en: 'Van' },
        other: { zh: '其他', en: 'Other' },
      },
    },
    energy: {
      zh: '能源类型',
      en: 'Energy',
      values: VEHICLE_ENERGY_LABELS,
    },
    marking: {
      zh: '标识',
      en: 'Markings',
      values: {
        official: { zh: '公务标识', en: 'Official markings' },
        law_enforcement: { zh: '执法执勤标识', en: 'Law-enforcement markings' },
        exempt: { zh: '免于标识', en: 'Exempt from markings' },
      },
    },
    failedChecks: {
      zh: '未通过的检查',
      en: 'Failed checks',
      values: {
        price: { zh: '价格上限', en: 'Price cap' },
        displacement: { zh: '排量上限', en: 'Displacement cap' },
        domestic: { zh: '国产品牌', en: 'Domestic brand' },
        leader_no_suv: { zh: '领导固定用车不配越野车', en: "No SUV as a leader's car" },
        new_energy_first: { zh: '新能源优先', en: 'New energy first' },
        quota: { zh: '编制控制数', en: 'Unit cap' },
        replacement: { zh: '更新条件', en: 'Replacement due' },
        receiver_quota: { zh: '接收单位控制数', en: "Receiver's cap" },
      },
    },
    replacement: { zh: '更新车辆', en: 'Replacement', kind: 'boolean' },
    flags: { zh: '待核实的出车记录', en: 'Trip record to check' },
  },
});
