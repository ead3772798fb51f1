/**
 * Permission registry. Each module declares the permissions it checks; roles are named sets
 * of them. Codes are `area.action` (e.g. `people.write`, `vehicles.dispatch.approve`).
 */
export type PermissionDef = { code: string; zh: string; en: string; module: string };

const registry = new Map<string, PermissionDef>();

/** What `definePermissions` returns: the codes by name (the value a module's declaration lists). */
export type PermissionSet = Readonly<Record<string, string>>;
const definitions = new WeakMap<object, PermissionDef[]>();

/**
 * Declares a module's permissions and returns their codes as typed constants. Pure: the
 * permissions become known to the platform when the set is listed in the module's declaration
 * (`permissions: [XP]`) and `installModules` registers it, not when the file is imported.
 */
export function definePermissions<const T extends readonly { code: string; zh: string; en: string }[]>(
  module: string,
  defs: T,
): { [K in T[number]['code']]: K } {
  const out: Record<string, string> = {};
  for (const d of defs) out[d.code] = d.code;
  definitions.set(
    out,
    defs.map((d) => ({ ...d, module })),
  );
  return out as { [K in T[number]['code']]: K };
}

/** Makes a set returned by `definePermissions` known (grantable, listed); `installModules` calls it. */
export function registerPermissions(set: PermissionSet): void {
  const defs = definitions.get(set);
  if (!defs) throw new Error('registerPermissions: not a set returned by definePermissions');
  for (const d of defs) registry.set(d.code, d);
}

export function allPermissions(): PermissionDef[] {
  return [...registry.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function isKnownPermission(code: string): boolean {
  return registry.has(code);
}

/** The core's own permissions. Domain modules declare theirs in `<module>.permissions.ts`. */
export const P = definePermissions('core', [
  { code: 'org.read', zh: '查看组织机构', en: 'View organisations' },
  { code: 'org.write', zh: '维护组织机构', en: 'Manage organisations' },
  { code: 'people.read', zh: '查看人员', en: 'View personnel' },
  { code: 'people.write', zh: '维护人员', en: 'Manage personnel' },
  { code: 'people.import', zh: '导入人员', en: 'Import personnel' },
  { code: 'people.export', zh: '导出人员', en: 'Export personnel' },
  { code: 'people.sensitive', zh: '查看人员敏感信息（手机号、身份证号）', en: 'View personal data (phone, ID number)' },
  { code: 'accounts.read', zh: '查看账号', en: 'View accounts' },
  { code: 'accounts.write', zh: '维护账号', en: 'Manage accounts' },
  { code: 'roles.read', zh: '查看角色与授权', en: 'View roles and assignments' },
  { code: 'roles.write', zh: '维护角色与授权', en: 'Manage roles and assignments' },
  { code: 'audit.read', zh: '查看审计日志', en: 'Read the audit log' },
  { code: 'audit.export', zh: '导出审计日志', en: 'Export the audit log' },
  { code: 'approval.flows.read', zh: '查看审批流程', en: 'View approval flows' },
  { code: 'approval.flows.write', zh: '维护审批流程', en: 'Edit approval flows' },
  { code: 'approval.read', zh: '查看范围内的审批', en: 'View approvals in scope' },
  { code: 'approval.approve', zh: '审批（本单位）', en: 'Approve (own unit)' },
  { code: 'general.request', zh: '提交通用事项申请', en: 'Submit general requests' },
  { code: 'refdata.read', zh: '查看基础数据', en: 'View reference data' },
  { code: 'refdata.write', zh: '维护基础数据与节假日', en: 'Edit reference data and calendar' },
  { code: 'jobs.read', zh: '查看定时任务', en: 'View scheduled jobs' },
  { code: 'jobs.run', zh: '手动执行定时任务', en: 'Run scheduled jobs' },
  { code: 'tokens.manage', zh: '管理自己的 API 令牌', en: 'Manage own API tokens' },
  { code: 'files.upload', zh: '上传附件', en: 'Upload attachments' },
] as const);
// The core's own permissions are always known (no module declaration lists them).
registerPermissions(P);

export type CorePermission = keyof typeof P;
