/** One changed leaf of a rule version's data: its path under `data`, the value before and after (null when absent). */
export type RuleDiff = { path: string; before: unknown; after: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The fields that differ between two versions' data, leaf by leaf (arrays compare whole: a
 * list of codes reads better as "before → after" than index by index). Paths are written as
 * the validation errors name them (`data.standards.county.131`).
 */
export function diffRuleData(before: unknown, after: unknown, path = 'data', out: RuleDiff[] = []): RuleDiff[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const k of keys) diffRuleData(before[k], after[k], `${path}.${k}`, out);
    return out;
  }
  if (isObject(after) && before === undefined) {
    for (const k of Object.keys(after).sort()) diffRuleData(undefined, after[k], `${path}.${k}`, out);
    return out;
  }
  if (isObject(before) && after === undefined) {
    for (const k of Object.keys(before).sort()) diffRuleData(before[k], undefined, `${path}.${k}`, out);
    return out;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, before: before ?? null, after: after ?? null });
  return out;
}
