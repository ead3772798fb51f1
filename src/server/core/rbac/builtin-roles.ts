import { P } from './permissions';

/**
 * Built-in roles. The three administrator roles are separated (三员分立, MLPS 2.0):
 * the system administrator runs accounts, the org tree and configuration but cannot read
 * the audit log or grant roles; the security administrator grants roles but runs nothing
 * else; the audit administrator only reads the audit log. Domain modules add their own
 * roles (driver, dispatcher …) and extend `leader`/`manager` with their permissions through
 * `extendBuiltinRole`.
 */
export type BuiltinRole = {
  code: string;
  nameZh: string;
  nameEn: string;
  adminClass: 'system' | 'security' | 'audit' | null;
  permissions: string[];
  description: string;
};

const roles: BuiltinRole[] = [
  {
    code: 'sysadmin',
    nameZh: '系统管理员',
    nameEn: 'System administrator',
    adminClass: 'system',
    permissions: [
      P['org.read'],
      P['org.write'],
      P['accounts.read'],
      P['accounts.write'],
      P['people.read'],
      P['refdata.read'],
      P['refdata.write'],
      P['approval.flows.read'],
      P['approval.flows.write'],
      P['jobs.read'],
      P['jobs.run'],
      P['tokens.manage'],
    ],
    description: '账号、组织机构与系统配置；不能查看审计日志，不能授权',
  },
  {
    code: 'secadmin',
    nameZh: '安全管理员',
    nameEn: 'Security administrator',
    adminClass: 'security',
    permissions: [P['roles.read'], P['roles.write'], P['accounts.read'], P['org.read']],
    description: '角色与授权管理',
  },
  {
    code: 'auditor',
    nameZh: '审计管理员',
    nameEn: 'Audit administrator',
    adminClass: 'audit',
    permissions: [P['audit.read'], P['audit.export'], P['org.read']],
    description: '只读审计日志',
  },
  {
    code: 'leader',
    nameZh: '局领导',
    nameEn: 'Bureau leader',
    adminClass: null,
    permissions: [
      P['org.read'],
      P['people.read'],
      P['approval.read'],
      P['approval.approve'],
      P['general.request'],
      P['refdata.read'],
      P['files.upload'],
    ],
    description: '查看范围内的全部业务数据',
  },
  {
    code: 'manager',
    nameZh: '机关事务业务管理员',
    nameEn: 'Bureau business administrator',
    adminClass: null,
    permissions: [
      P['org.read'],
      P['people.read'],
      P['people.write'],
      P['people.import'],
      P['people.export'],
      P['people.sensitive'],
      P['approval.read'],
      P['approval.approve'],
      P['general.request'],
      P['refdata.read'],
      P['files.upload'],
      P['tokens.manage'],
    ],
    description: '人员及各业务域的管理员（随业务模块扩展）',
  },
  {
    code: 'unit_admin',
    nameZh: '单位管理员',
    nameEn: 'Unit administrator',
    adminClass: null,
    permissions: [
      P['org.read'],
      P['org.write'],
      P['people.read'],
      P['people.write'],
      P['people.import'],
      P['people.export'],
      P['people.sensitive'],
      P['approval.read'],
      P['approval.approve'],
      P['general.request'],
      P['refdata.read'],
      P['files.upload'],
    ],
    description: '本单位的人员、内设机构与审批',
  },
  {
    code: 'staff',
    nameZh: '工作人员',
    nameEn: 'Staff',
    adminClass: null,
    // Self-service: no org.read or refdata.read (the organisation and reference-data pages are
    // not theirs); the unit picker and code labels their forms need are open to any caller.
    permissions: [P['general.request'], P['files.upload']],
    description: '自助服务：提交申请、查看本人事项',
  },
];

export function builtinRoles(): BuiltinRole[] {
  return roles;
}

/** Lets a domain module give `leader`, `manager` or another built-in role its permissions. */
export function extendBuiltinRole(code: string, permissions: string[]): void {
  const role = roles.find((r) => r.code === code);
  if (!role) throw new Error(`unknown built-in role ${code}`);
  for (const p of permissions) if (!role.permissions.includes(p)) role.permissions.push(p);
}

export function registerBuiltinRole(role: BuiltinRole): void {
  if (roles.some((r) => r.code === role.code)) throw new Error(`duplicate role ${role.code}`);
  roles.push(role);
}
