/**
 * Messages for every stable error code, in both languages. Codes are part of the API
 * contract (clients branch on them); messages are for people. `{name}` is filled from params.
 */
export const messages = {
  VALIDATION_FAILED: { 'zh-CN': '输入有误：{fields}', en: 'Invalid input: {fields}' },
  NOT_FOUND: { 'zh-CN': '未找到该记录', en: 'Record not found' },
  ROUTE_NOT_FOUND: { 'zh-CN': '接口不存在', en: 'No such API endpoint' },
  METHOD_NOT_ALLOWED: { 'zh-CN': '不支持该请求方法', en: 'Method not allowed' },
  AUTH_REQUIRED: { 'zh-CN': '请先登录', en: 'Please sign in' },
  SESSION_EXPIRED: { 'zh-CN': '登录已超时，请重新登录', en: 'Your session has expired; please sign in again' },
  BAD_CREDENTIALS: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  ACCOUNT_LOCKED: {
    'zh-CN': '登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; the account is locked for {minutes} minutes',
  },
  ACCOUNT_DISABLED: { 'zh-CN': '账号已停用', en: 'This account is disabled' },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; please try again later' },
  CSRF_FAILED: {
    'zh-CN': '安全校验失败，请刷新页面后重试',
    en: 'Security check failed; reload the page and try again',
  },
  FORBIDDEN: { 'zh-CN': '没有权限执行该操作', en: 'You do not have permission to do this' },
  TOKEN_INVALID: { 'zh-CN': 'API 令牌无效、已过期或已吊销', en: 'The API token is invalid, expired or revoked' },
  PASSWORD_POLICY: {
    'zh-CN': '密码不符合口令策略：{reasons}',
    en: 'The password does not meet the policy: {reasons}',
  },
  PASSWORD_WRONG: { 'zh-CN': '原密码不正确', en: 'The current password is wrong' },
  PASSWORD_REUSED: {
    'zh-CN': '新密码不能与最近 {n} 次使用过的密码相同',
    en: 'The new password must differ from the last {n} passwords',
  },
  PASSWORD_CHANGE_REQUIRED: {
    'zh-CN': '请先修改密码（初始密码、被重置或已过期的密码）后再继续操作',
    en: 'Change your password first (it is an initial, reset or expired password)',
  },
  ADMIN_PEER_PROTECTED: {
    'zh-CN':
      '三员分立：管理员账号不能由其他管理员直接修改（重置密码、停用、授权、结束会话）；请使用“紧急处置”流程，由另外两员分别申请和批准',
    en: 'Separation of duties: an administrator account cannot be changed by another administrator (password, status, roles, sessions); use the break-glass procedure, requested and approved by the other two duties',
  },
  BREAK_GLASS_NOT_ADMIN: {
    'zh-CN': '紧急处置只用于系统、安全、审计管理员的账号；其他账号请直接管理',
    en: 'Break-glass is only for the system, security and audit administrators’ accounts; manage other accounts directly',
  },
  BREAK_GLASS_DUTY: {
    'zh-CN': '紧急处置须由与被处置管理员职责不同的另外两员分别申请和批准：{reason}',
    en: 'Break-glass needs the two other duties, one to request and one to approve: {reason}',
  },
  BREAK_GLASS_PENDING: {
    'zh-CN': '该账号已有一项待批准的紧急处置申请',
    en: 'This account already has a break-glass request waiting for approval',
  },
  BREAK_GLASS_CLOSED: {
    'zh-CN': '该紧急处置申请已处理或已过期',
    en: 'This break-glass request has been decided or has expired',
  },
  CONFLICT: { 'zh-CN': '数据已被他人修改，请刷新后重试', en: 'The record was changed by someone else; reload and retry' },
  DUPLICATE: { 'zh-CN': '{field} 已存在', en: '{field} already exists' },
  IN_USE: { 'zh-CN': '该记录仍被引用，不能删除，只能停用', en: 'The record is still referenced; deactivate it instead' },
  ORG_CYCLE: { 'zh-CN': '不能把机构移到它自己的下级机构下', en: 'An organisation cannot be moved under its own descendant' },
  ORG_KIND_INVALID: { 'zh-CN': '机构类型与上级机构不匹配：{reason}', en: 'Organisation kind does not fit its parent: {reason}' },
  ORG_CODE_INVALID: { 'zh-CN': '统一社会信用代码校验不通过', en: 'The unified social credit code is not valid' },
  ROLE_SEPARATION: {
    'zh-CN': '三员分立：系统管理员、安全管理员、审计管理员不能由同一账号兼任（已有：{held}）',
    en: 'Separation of duties: system, security and audit administrator roles cannot share one account (holds: {held})',
  },
  APPROVAL_CONFLICT: {
    'zh-CN': '该审批已由他人处理或状态已变化，请刷新',
    en: 'This approval was already handled or has changed; please reload',
  },
  APPROVAL_BATCH_MIXED: {
    'zh-CN': '批量审批只能选择同一业务类型的待办',
    en: 'A batch decision takes pending items of one business type only',
  },
  APPROVAL_NOT_ALLOWED: { 'zh-CN': '当前状态下不能执行该操作：{reason}', en: 'Not allowed in the current state: {reason}' },
  APPROVAL_NO_APPROVER: {
    'zh-CN': '审批步骤“{step}”找不到审批人，请联系管理员配置角色',
    en: 'No approver found for step "{step}"; ask an administrator to assign the role',
  },
  FLOW_NOT_FOUND: { 'zh-CN': '业务类型 {type} 没有启用的审批流程', en: 'No active approval flow for business type {type}' },
  FILE_TOO_LARGE: { 'zh-CN': '文件超过 {max} MB 上限', en: 'The file exceeds the {max} MB limit' },
  FILE_TYPE_NOT_ALLOWED: {
    'zh-CN': '不支持的文件类型（按文件内容识别为 {detected}）',
    en: 'File type not allowed (content detected as {detected})',
  },
  IMPORT_FAILED: {
    'zh-CN': '导入失败：{count} 处错误，未导入任何数据',
    en: 'Import failed: {count} problems; nothing was imported',
  },
  UPLOAD_INCOMPLETE: {
    'zh-CN': '上传的内容不完整或格式不正确，请重新上传文件',
    en: 'The upload is incomplete or malformed; please upload the file again',
  },
  IMPORT_BAD_FILE: { 'zh-CN': '无法读取 Excel 文件：{reason}', en: 'Cannot read the Excel file: {reason}' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '请求内容过大', en: 'Request body too large' },
  BAD_JSON: { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  INTERNAL: {
    'zh-CN': '系统内部错误，请稍后重试或联系管理员（编号 {requestId}）',
    en: 'Internal error; please retry or contact the administrator (ref {requestId})',
  },
  SERVICE_UNAVAILABLE: { 'zh-CN': '服务暂不可用', en: 'Service unavailable' },
} as const satisfies Record<string, Record<Locale, string>>;

export type Locale = 'zh-CN' | 'en';

/** A code a domain module declared with `defineMessages` (branded so typos do not compile). */
export type ModuleMessageCode = string & { readonly __moduleMessage: true };
export type MessageCode = keyof typeof messages | ModuleMessageCode;
/** What `defineMessages` returns: the codes by name (the value a module's declaration lists). */
export type MessageSet = Readonly<Record<string, ModuleMessageCode>>;
const moduleMessages = new Map<string, Record<Locale, string>>();
const definitions = new WeakMap<object, Record<string, Record<Locale, string>>>();

/**
 * Lets a domain module declare its own stable error codes, in both languages, without the core
 * knowing the module. Returns the codes to throw with (e.g. `badRequest(M.ROOM_FLOOR_MISMATCH)`).
 * Pure: the texts become known when the set is listed in the module's declaration
 * (`messages: [XM]`) and `installModules` registers it.
 */
export function defineMessages<const T extends Record<string, Record<Locale, string>>>(defs: T): { [K in keyof T]: ModuleMessageCode } {
  const out: Record<string, string> = {};
  for (const code of Object.keys(defs)) {
    if (code in messages) throw new Error(`message code ${code} is the core's`);
    out[code] = code;
  }
  definitions.set(out, defs);
  return out as { [K in keyof T]: ModuleMessageCode };
}

/** Makes a set returned by `defineMessages` translatable; `installModules` calls it once per module. */
export function registerMessages(set: MessageSet): void {
  const defs = definitions.get(set);
  if (!defs) throw new Error('registerMessages: not a set returned by defineMessages');
  for (const [code, text] of Object.entries(defs)) {
    if (moduleMessages.has(code)) throw new Error(`message code ${code} registered twice`);
    moduleMessages.set(code, text);
  }
}
export const LOCALES: Locale[] = ['zh-CN', 'en'];

export function translate(code: MessageCode, locale: Locale, params: Record<string, string | number> = {}): string {
  const entry: Record<Locale, string> | undefined = (messages as Record<string, Record<Locale, string>>)[code] ?? moduleMessages.get(code);
  const template: string = entry?.[locale] ?? entry?.['zh-CN'] ?? code;
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (k in params ? String(params[k]) : `{${k}}`));
}

/** Picks zh-CN or en from an Accept-Language header; Chinese is the default. */
export function localeFromHeader(header: string | undefined): Locale {
  if (!header) return 'zh-CN';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
