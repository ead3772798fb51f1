import { defineAuditVocabulary } from '../../core';

/** What the audit log calls the training-lodging records, actions and fields. */
export const TRAINING_AUDIT = defineAuditVocabulary({
  entities: {
    training_centre: { zh: '培训中心', en: 'Training centre' },
    training_room: { zh: '培训中心客房', en: 'Training centre room' },
    training_class: { zh: '培训班', en: 'Training class' },
    training_trainee: { zh: '培训学员', en: 'Trainee' },
  },
  actions: {
    allocate: { zh: '分配床位', en: 'Bed allocated' },
    check_in: { zh: '入住', en: 'Checked in' },
    check_out: { zh: '退房', en: 'Checked out' },
    settle: { zh: '结算', en: 'Settle' },
  },
  fields: {
    housekeeping: {
      zh: '客房状态',
      en: 'Housekeeping',
      values: {
        dirty: { zh: '待清扫', en: 'to be cleaned' },
        clean: { zh: '已清扫', en: 'cleaned' },
        inspected: { zh: '已检查', en: 'inspected' },
      },
    },
    centreId: { zh: '培训中心', en: 'Training centre', kind: 'ref' },
    bedId: { zh: '床位', en: 'Bed', kind: 'ref' },
    nights: { zh: '晚数', en: 'Nights', kind: 'number' },
    category: { zh: '培训类别', en: 'Category' },
    trainees: { zh: '学员人数', en: 'Trainees', kind: 'number' },
    arrivalDays: { zh: '报到天数', en: 'Arrival days', kind: 'number' },
    departureDays: { zh: '撤离天数', en: 'Departure days', kind: 'number' },
    endDate: { zh: '结束日期', en: 'End date', kind: 'day' },
    beds: { zh: '床位数', en: 'Beds', kind: 'number' },
    floor: { zh: '楼层', en: 'Floor', kind: 'number' },
    number: { zh: '房间号', en: 'Room number' },
    address: { zh: '地址', en: 'Address' },
  },
});
