import { currentLocale, defineMessages } from './i18n';

const messages = defineMessages('api', {
  network: { zh: '无法连接服务器，请检查网络', en: 'Cannot reach the server' },
  failed: { zh: '请求失败', en: 'Request failed' },
  downloadFailed: { zh: '下载失败', en: 'Download failed' },
});

/** The server's error, as `{"error": {"code", "message", "details"}}`; `message` is already in the user's language. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken = '';
export const setCsrfToken = (t: string) => {
  csrfToken = t;
};

export type Query = Record<string, string | number | boolean | undefined | null>;
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * Drops the readable session hint the server sets with the session (`houqin_signed_in`) once
 * the server says the session is gone, so the sign-in page does not ask /auth/me again.
 */
export function forgetSessionHint(): void {
  // biome-ignore lint/suspicious/noDocumentCookie: a plain flag the server set readable on purpose.
  document.cookie = 'houqin_signed_in=; path=/; max-age=0; samesite=strict';
}

/** The one HTTP call of the web: CSRF header, language, error shape and the 401 redirect live here only. */
export async function request<T>(method: string, path: string, body?: unknown, query?: Query, raw?: BodyInit): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': currentLocale() };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(withQuery(`/api/v1${path}`, query), {
      method,
      headers,
      credentials: 'same-origin',
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', messages.t('network'));
  }
  const text = await res.text();
  const data = text ? safeJson(text) : null;
  if (!res.ok) {
    const err = (data as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
    // Public pages (/public/…, a door display's /display/…) are read without an account: a 401
    // there is not a reason to sign in.
    if (res.status === 401 && !path.startsWith('/auth/login')) forgetSessionHint();
    if (
      res.status === 401 &&
      !path.startsWith('/auth/login') &&
      !location.pathname.startsWith('/login') &&
      !location.pathname.startsWith('/public/') &&
      !location.pathname.startsWith('/display/')
    ) {
      location.assign(`/login?next=${encodeURIComponent(location.pathname + location.search)}`);
    }
    throw new ApiError(res.status, err?.code ?? 'HTTP_ERROR', err?.message ?? messages.t('failed'), err?.details);
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * @deprecated Untyped calls by string path. Use the route definitions instead: `call`,
 * `useApiQuery`, `useApiMutation` from `shared/typedApi` (see docs/architecture.md, "Routes and
 * the typed client"). Kept while the remaining modules convert.
 */
export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  del: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, file: File, fields: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file);
    return request<T>('POST', path, undefined, undefined, form);
  },
};

/** Downloads a file (Excel export, template), keeping the server's UTF-8 file name. */
export async function downloadFile(path: string, query?: Query): Promise<void> {
  const res = await fetch(withQuery(`/api/v1${path}`, query), {
    headers: { 'accept-language': currentLocale() },
    credentials: 'same-origin',
  });
  if (!res.ok) {
    const data = safeJson(await res.text()) as { error?: { code: string; message: string } } | null;
    throw new ApiError(res.status, data?.error?.code ?? 'HTTP_ERROR', data?.error?.message ?? messages.t('downloadFailed'));
  }
  const cd = res.headers.get('content-disposition') ?? '';
  const m = cd.match(/filename\*=UTF-8''([^;]+)/);
  const name = m ? decodeURIComponent(m[1]!) : 'download.xlsx';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export type Page<T> = { items: T[]; total: number };
