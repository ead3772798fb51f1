/**
 * Every scoped list against the people list (issue #16: "every other list endpoint within
 * 2 × the people list's time per request"). The lists are found in the OpenAPI document: each
 * GET without a path parameter whose answer has `items` and `total`. Each is asked for its
 * first page of 50 (where it pages), as the caller given, sequentially after a warm-up; the
 * figure is the median time per request. Required query parameters are filled from their
 * schema (the first enum value, this year, today); a list that still answers other than 200 is
 * reported, not hidden.
 */
type Schema = {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minimum?: number;
  properties?: Record<string, Schema>;
  $ref?: string;
};
type Param = { name: string; in: string; required?: boolean; schema?: Schema };
type Operation = {
  parameters?: Param[];
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  operationId?: string;
};

const N = Number(process.env.BENCH_LIST_REQUESTS ?? 30);

function sample(s: Schema | undefined): string | undefined {
  if (!s) return undefined;
  if (s.enum?.length) return String(s.enum[0]);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString();
  if (s.format === 'date' || s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return today.slice(0, 10);
  if (s.pattern?.includes('\\d{4}-\\d{2}')) return today.slice(0, 7);
  if (s.type === 'integer' || s.type === 'number') return String(s.minimum && s.minimum > 1900 ? today.slice(0, 4) : (s.minimum ?? 1));
  return undefined;
}

/**
 * `callers`: the sessions to ask with, the first being the people list's caller; a list the first
 * may not read (403: accounts, audit, jobs are the administrators') is asked by the next.
 */
export async function benchEveryList(base: string, callers: Record<string, string>[]): Promise<string[]> {
  const headers = callers[0]!;
  const doc = (await (await fetch(`${base}/api/openapi.json`, { headers })).json()) as { paths: Record<string, Record<string, Operation>> };
  const lists: { path: string; query: string }[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    const op = ops.get;
    if (!op || path.includes('{')) continue;
    const schema = op.responses?.['200']?.content?.['application/json']?.schema;
    if (!schema?.properties?.items || !schema.properties.total) continue;
    const params = new URLSearchParams();
    let ok = true;
    for (const p of op.parameters ?? []) {
      if (p.in !== 'query') continue;
      if (p.name === 'pageSize') params.set('pageSize', '50');
      else if (p.name === 'page') params.set('page', '1');
      else if (p.required) {
        const v = sample(p.schema);
        if (v === undefined) ok = false;
        else params.set(p.name, v);
      }
    }
    if (ok) lists.push({ path, query: params.toString() });
  }
  const time = async (url: string, h = headers) => {
    const t = performance.now();
    const r = await fetch(url, { headers: h });
    await r.arrayBuffer();
    return { ms: performance.now() - t, status: r.status };
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const measure = async (url: string) => {
    let h = headers;
    for (const c of callers) {
      h = c;
      if ((await time(url, c)).status !== 403) break;
    }
    for (let i = 0; i < 2; i++) await time(url, h);
    const runs: number[] = [];
    let status = 200;
    for (let i = 0; i < N; i++) {
      const r = await time(url, h);
      runs.push(r.ms);
      if (r.status !== 200) status = r.status;
    }
    return { ms: median(runs), status };
  };
  const people = await measure(`${base}/api/v1/people?page=1&pageSize=50`);
  const rows: { path: string; ms: number; ratio: number; status: number }[] = [];
  for (const l of lists) {
    const r = await measure(`${base}${l.path}${l.query ? `?${l.query}` : ''}`);
    rows.push({ path: l.path, ms: r.ms, ratio: r.ms / people.ms, status: r.status });
  }
  rows.sort((a, b) => b.ratio - a.ratio);
  const measured = rows.filter((r) => r.status === 200);
  const over = measured.filter((r) => r.ratio > 2);
  return [
    `every list (${rows.length} found in the OpenAPI document, ${measured.length} answered 200), median of ${N} sequential requests, against the people list's ${people.ms.toFixed(1)} ms:`,
    `  within 2 × the people list: ${measured.length - over.length} of ${measured.length}${over.length ? `; over: ${over.map((r) => `${r.path} ${r.ratio.toFixed(1)} ×`).join(', ')}` : ''}`,
    ...rows
      .slice(0, 12)
      .map(
        (r) =>
          `  ${r.path.padEnd(48)} ${r.ms.toFixed(1).padStart(7)} ms  ${r.ratio.toFixed(2)} ×${r.status !== 200 ? `  (answered ${r.status})` : ''}`,
      ),
    ...(rows.some((r) => r.status !== 200)
      ? [
          `  not measured (answered other than 200): ${rows
            .filter((r) => r.status !== 200)
            .map((r) => `${r.path} ${r.status}`)
            .join(', ')}`,
        ]
      : []),
  ];
}
