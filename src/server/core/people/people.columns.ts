import type { ExcelColumn } from '../excel/excel';

/** Labels of the code lists the personnel sheet uses (the full lists live in reference data). */
export const POST_LEVEL_OPTIONS = [
  { code: '101', labelZh: '国家级正职', labelEn: 'State level, principal' },
  { code: '102', labelZh: '国家级副职', labelEn: 'State level, deputy' },
  { code: '111', labelZh: '省部级正职', labelEn: 'Provincial/ministerial, principal' },
  { code: '112', labelZh: '省部级副职', labelEn: 'Provincial/ministerial, deputy' },
  { code: '121', labelZh: '厅局级正职', labelEn: 'Department/bureau, principal' },
  { code: '122', labelZh: '厅局级副职', labelEn: 'Department/bureau, deputy' },
  { code: '131', labelZh: '县处级正职', labelEn: 'County/division, principal' },
  { code: '132', labelZh: '县处级副职', labelEn: 'County/division, deputy' },
  { code: '141', labelZh: '乡科级正职', labelEn: 'Township/section, principal' },
  { code: '142', labelZh: '乡科级副职', labelEn: 'Township/section, deputy' },
  { code: '150', labelZh: '科员级', labelEn: 'Section member' },
  { code: '160', labelZh: '办事员级', labelEn: 'Clerk' },
  { code: '199', labelZh: '未定职公务员', labelEn: 'Civil servant, no post yet' },
];
export const STAFFING_OPTIONS = [
  { code: 'admin', labelZh: '行政编制', labelEn: 'Administrative' },
  { code: 'institution', labelZh: '事业编制', labelEn: 'Public institution' },
  { code: 'worker', labelZh: '工勤', labelEn: 'Service worker' },
  { code: 'contract', labelZh: '编外', labelEn: 'Contract (non-establishment)' },
];
export const STATUS_OPTIONS = [
  { code: 'active', labelZh: '在职', labelEn: 'Active' },
  { code: 'transferred', labelZh: '调离', labelEn: 'Transferred' },
  { code: 'retired', labelZh: '退休', labelEn: 'Retired' },
];
export const GENDER_OPTIONS = [
  { code: 'M', labelZh: '男', labelEn: 'Male' },
  { code: 'F', labelZh: '女', labelEn: 'Female' },
];

/** The personnel sheet: template, import and export share these columns. */
export const PEOPLE_COLUMNS: ExcelColumn[] = [
  { key: 'name', headerZh: '姓名', headerEn: 'Name', type: 'string', required: true, example: '张伟', width: 10 },
  {
    key: 'unit',
    headerZh: '单位',
    headerEn: 'Unit',
    type: 'string',
    required: true,
    example: '区发展和改革局',
    width: 24,
    noteZh: '单位全称、简称或统一社会信用代码，须在您的管理范围内',
    noteEn: 'Full name, short name or credit code of a unit within your scope',
  },
  {
    key: 'department',
    headerZh: '内设机构',
    headerEn: 'Department',
    type: 'string',
    example: '办公室',
    width: 14,
    noteZh: '该单位下的内设机构名称',
    noteEn: 'Name of a department of that unit',
  },
  { key: 'gender', headerZh: '性别', headerEn: 'Gender', type: 'enum', enum: GENDER_OPTIONS, example: 'M', width: 8 },
  { key: 'postTitle', headerZh: '职务', headerEn: 'Post', type: 'string', example: '科员', width: 14 },
  { key: 'rankCode', headerZh: '职级代码', headerEn: 'Rank code', type: 'string', width: 12 },
  {
    key: 'postLevel',
    headerZh: '职务级别',
    headerEn: 'Post level',
    type: 'enum',
    enum: POST_LEVEL_OPTIONS,
    required: true,
    example: '150',
    width: 14,
  },
  {
    key: 'staffingType',
    headerZh: '编制类型',
    headerEn: 'Staffing type',
    type: 'enum',
    enum: STAFFING_OPTIONS,
    example: 'admin',
    width: 12,
  },
  { key: 'status', headerZh: '状态', headerEn: 'Status', type: 'enum', enum: STATUS_OPTIONS, example: 'active', width: 8 },
  { key: 'statusSince', headerZh: '状态日期', headerEn: 'Status since', type: 'date', width: 12 },
  { key: 'phone', headerZh: '手机号码', headerEn: 'Phone', type: 'string', example: '13800138000', width: 14 },
  { key: 'idNumber', headerZh: '身份证号', headerEn: 'ID number', type: 'string', width: 20 },
  { key: 'employeeNo', headerZh: '工号', headerEn: 'Employee no.', type: 'string', width: 10 },
];

export const PEOPLE_EXPORT_COLUMNS: ExcelColumn[] = [
  PEOPLE_COLUMNS[0]!,
  { key: 'orgName', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 24 },
  { key: 'deptName', headerZh: '内设机构', headerEn: 'Department', type: 'string', width: 14 },
  ...PEOPLE_COLUMNS.slice(3, 10),
  { key: 'phoneMasked', headerZh: '手机号码', headerEn: 'Phone', type: 'string', width: 14 },
  PEOPLE_COLUMNS[12]!,
];
