import type { Locale } from '../i18n/messages';

type Issue = { keyword: string; message: string; params: Record<string, unknown> };

/**
 * Zod writes its messages in English; validation errors must reach the user in their
 * language, so the common issue kinds are phrased here in both. Unknown kinds fall back to
 * a generic phrase rather than leaking zod's wording into the Chinese UI.
 */
export function issueMessage(issue: Issue, locale: Locale): string {
  const p = issue.params;
  const zh = locale === 'zh-CN';
  switch (issue.keyword) {
    case 'invalid_type':
      // zod 4 leaves the input out of its issues; its own wording says whether it was missing.
      if ('input' in p ? p.input === undefined : /received undefined/i.test(issue.message)) return zh ? '必填' : 'is required';
      return zh ? `类型错误，应为 ${String(p.expected)}` : `must be ${String(p.expected)}`;
    case 'too_small':
      if (p.origin === 'string')
        return Number(p.minimum) <= 1
          ? zh
            ? '不能为空'
            : 'must not be empty'
          : zh
            ? `至少 ${p.minimum} 个字符`
            : `must have at least ${p.minimum} characters`;
      if (p.origin === 'array') return zh ? `至少 ${p.minimum} 项` : `needs at least ${p.minimum} items`;
      if (p.inclusive === false) return zh ? `必须大于 ${p.minimum}` : `must be greater than ${p.minimum}`;
      return zh ? `不能小于 ${p.minimum}` : `must be at least ${p.minimum}`;
    case 'too_big':
      if (p.origin === 'string') return zh ? `最多 ${p.maximum} 个字符` : `must have at most ${p.maximum} characters`;
      if (p.origin === 'array') return zh ? `最多 ${p.maximum} 项` : `allows at most ${p.maximum} items`;
      if (p.inclusive === false) return zh ? `必须小于 ${p.maximum}` : `must be less than ${p.maximum}`;
      return zh ? `不能大于 ${p.maximum}` : `must be at most ${p.maximum}`;
    case 'invalid_value':
      return zh
        ? `取值无效，可选：${(p.values as unknown[] | undefined)?.join(' / ') ?? ''}`
        : `must be one of: ${(p.values as unknown[] | undefined)?.join(' / ') ?? ''}`;
    case 'invalid_format':
      return zh ? `格式不正确（${String(p.format)}）` : `has an invalid format (${String(p.format)})`;
    case 'unrecognized_keys':
      return zh
        ? `不允许的字段：${(p.keys as string[] | undefined)?.join(', ')}`
        : `unknown fields: ${(p.keys as string[] | undefined)?.join(', ')}`;
    case 'custom':
      // Custom refinements carry their own bilingual message as "中文|English".
      if (issue.message.includes('|')) {
        const [zhMsg, enMsg] = issue.message.split('|');
        return (zh ? zhMsg : enMsg) ?? issue.message;
      }
      return issue.message;
    default:
      return zh ? '取值无效' : 'is invalid';
  }
}
