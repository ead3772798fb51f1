import { and, desc, eq, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Executor } from '../../db/client';
import { verifyPassword } from '../crypto/crypto';
import { badRequest } from '../http/errors';
import type { Locale } from '../i18n/messages';
import { defineRuleTable, ruleInForce } from '../refdata/rule-table';
import { nowMs } from '../util/dates';
import { passwordHistory } from './auth.schema';
import { isCommonPassword } from './common-passwords';

/**
 * The password and sign-in policy as rule data (GB/T 22239-2019 8.1.4.1 a and b: identity
 * information of sufficient complexity, changed periodically; failed sign-ins handled). A
 * bureau tightens it by publishing a new version; every place a password is set reads it.
 */
export const ZPasswordPolicy = z.object({
  minLength: z.number().int().min(8).max(64),
  maxLength: z.number().int().min(16).max(256),
  /** How many of upper case, lower case, digit, symbol a password needs. */
  minClasses: z.number().int().min(1).max(4),
  /** Refuse a password that contains the username (case-insensitive). */
  forbidUsername: z.boolean(),
  /** Refuse the current password and the N − 1 before it (0: no check). */
  historyCount: z.number().int().min(0).max(24),
  /** A password older than this must be changed at sign-in (0: never expires). */
  expiryDays: z.number().int().min(0).max(3650),
  /** Refuse the passwords in core/auth/common-passwords.ts. */
  refuseCommon: z.boolean(),
  /** Failed sign-ins in a row before the lock, and how long the lock lasts. */
  lockoutThreshold: z.number().int().min(3).max(20),
  lockoutMinutes: z.number().int().min(1).max(1440),
});
export type PasswordPolicy = z.infer<typeof ZPasswordPolicy>;

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 8,
  maxLength: 128,
  minClasses: 3,
  forbidUsername: true,
  historyCount: 5,
  expiryDays: 90,
  refuseCommon: true,
  lockoutThreshold: 5,
  lockoutMinutes: 15,
};

export const PASSWORD_POLICY_RULE = defineRuleTable({
  name: 'password_policy',
  module: 'core',
  titleZh: '口令与登录策略',
  titleEn: 'Password and sign-in policy',
  schema: ZPasswordPolicy,
  versions: [
    {
      version: 1,
      effectiveFrom: '2019-12-01',
      titleZh: '口令与登录策略（等保 2.0 第三级）',
      titleEn: 'Password and sign-in policy (MLPS 2.0 level 3)',
      source: 'docs/regulations.md §11 password_policy — GB/T 22239-2019《信息安全技术 网络安全等级保护基本要求》8.1.4.1 身份鉴别 a)、b)',
      data: DEFAULT_PASSWORD_POLICY,
    },
  ],
});

// Every request of a signed-in user needs expiryDays: a short cache keeps that off the database.
let cached: { at: number; policy: PasswordPolicy } | null = null;
const CACHE_MS = 10_000;

/** The policy in force today (cached for 10 s; `fresh` reads the database). */
export async function passwordPolicy(db: Executor, fresh = false): Promise<PasswordPolicy> {
  if (!fresh && cached && nowMs() - cached.at < CACHE_MS && nowMs() >= cached.at) return cached.policy;
  const r = await ruleInForce(db, PASSWORD_POLICY_RULE, undefined, { beforeFirst: 'first' });
  const policy = r?.data ?? DEFAULT_PASSWORD_POLICY;
  cached = { at: nowMs(), policy };
  return policy;
}
/** Tests and rule publication: the next read goes to the database. */
export const forgetPasswordPolicy = () => {
  cached = null;
};

export type PasswordRule = 'length' | 'classes' | 'username' | 'common';

/** The rules a candidate breaks (pure: no history, which needs the database). */
export function passwordIssues(policy: PasswordPolicy, password: string, username?: string | null): PasswordRule[] {
  const out: PasswordRule[] = [];
  if (password.length < policy.minLength || password.length > policy.maxLength) out.push('length');
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < policy.minClasses) out.push('classes');
  if (policy.forbidUsername && username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    out.push('username');
  if (policy.refuseCommon && isCommonPassword(password)) out.push('common');
  return out;
}

/** Whether a password's age has run past the policy's expiry. */
export function passwordExpired(policy: PasswordPolicy, changedAt: Date | null): boolean {
  if (!policy.expiryDays) return false;
  if (!changedAt) return true;
  return changedAt.getTime() + policy.expiryDays * 86_400_000 <= nowMs();
}

function describe(policy: PasswordPolicy, rule: PasswordRule, locale: Locale): string {
  const en = locale === 'en';
  switch (rule) {
    case 'length':
      return en ? `${policy.minLength} to ${policy.maxLength} characters` : `长度 ${policy.minLength}～${policy.maxLength} 位`;
    case 'classes':
      return en
        ? `at least ${policy.minClasses} of: upper case, lower case, digit, symbol`
        : `至少包含大写字母、小写字母、数字、符号中的 ${policy.minClasses} 类`;
    case 'username':
      return en ? 'must not contain the username' : '不能包含用户名';
    case 'common':
      return en ? 'too common (on the list of refused passwords)' : '属于常见弱口令，不能使用';
  }
}

/**
 * Refuses a password that breaks the policy (400 PASSWORD_POLICY naming every broken rule in
 * the caller's language, the rule codes in `details.rules`) or repeats one of the account's
 * last N (400 PASSWORD_REUSED). Every path that sets a password calls this first.
 */
export async function assertPasswordAcceptable(
  db: Executor,
  locale: Locale,
  input: { password: string; username?: string | null; accountId?: number | null; currentHash?: string | null },
): Promise<void> {
  const policy = await passwordPolicy(db, true);
  const issues = passwordIssues(policy, input.password, input.username);
  if (issues.length) {
    throw badRequest(
      'PASSWORD_POLICY',
      { reasons: issues.map((r) => describe(policy, r, locale)).join(locale === 'en' ? '; ' : '；') },
      { rules: issues },
    );
  }
  if (policy.historyCount > 0 && input.accountId) {
    const earlier = await db
      .select({ hash: passwordHistory.passwordHash })
      .from(passwordHistory)
      .where(eq(passwordHistory.accountId, input.accountId))
      .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
      .limit(Math.max(policy.historyCount - 1, 0));
    const hashes = [...(input.currentHash ? [input.currentHash] : []), ...earlier.map((e) => e.hash)].slice(0, policy.historyCount);
    for (const h of hashes) {
      if (await verifyPassword(h, input.password)) throw badRequest('PASSWORD_REUSED', { n: policy.historyCount });
    }
  }
}

/**
 * Keeps the hash of the password being replaced, in the transaction that replaces it; only
 * the newest 24 (the policy's ceiling) are kept.
 */
export async function rememberPassword(tx: Executor, accountId: number, oldHash: string): Promise<void> {
  await tx.insert(passwordHistory).values({ accountId, passwordHash: oldHash, createdAt: new Date(nowMs()) });
  const keep = await tx
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.accountId, accountId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(24);
  if (keep.length === 24)
    await tx.delete(passwordHistory).where(
      and(
        eq(passwordHistory.accountId, accountId),
        notInArray(
          passwordHistory.id,
          keep.map((k) => k.id),
        ),
      ),
    );
}
