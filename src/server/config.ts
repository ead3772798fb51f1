import path from 'node:path';
import { z } from 'zod';

/**
 * All configuration comes from the environment and is validated once, at start.
 * A bad value stops the process with one line per problem, naming the variable,
 * so an operator never has to guess why the server refused to start.
 */
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  HOUQIN_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** 32-byte key (hex) for SM4 encryption of personal data at rest. Required in production. */
  HOUQIN_DATA_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  /**
   * 32-byte key (hex) for the HMAC-SM3 that seals the audit chain's anchors. When unset, one is
   * generated once into the data directory (audit.key). Kept out of the database on purpose.
   */
  HOUQIN_AUDIT_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  HOUQIN_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  HOUQIN_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(180).default(180),
  HOUQIN_DEMO_DATA: bool.optional(),
  HOUQIN_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(20),
  HOUQIN_JOBS: bool.default(true),
  /** Registers the bare comparison route used by `npm run bench`. Never in production. */
  HOUQIN_BENCH_ROUTES: bool.default(false),
  HOUQIN_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100000).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Trust X-Forwarded-For from a reverse proxy, to record the real client address. */
  HOUQIN_TRUST_PROXY: bool.default(false),
  /**
   * Who may read the API description (/api/docs, /api/openapi.json): `public`, or `signed-in`
   * (a session or API token). Unset: public in development and tests, signed-in in production,
   * where the full map of routes and fields need not be handed to anyone on the network.
   */
  HOUQIN_API_DOCS: z.enum(['public', 'signed-in']).optional(),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  poolSize: number;
  dataKey: string | undefined;
  auditKey: string | undefined;
  sessionIdleMinutes: number;
  auditRetentionDays: number;
  /** Load the demo district on first start with an empty database. Never in production. */
  demoData: boolean;
  maxUploadBytes: number;
  jobs: boolean;
  /** Sign-in attempts per minute per client address. */
  loginRateLimit: number;
  benchRoutes: boolean;
  logLevel: string;
  trustProxy: boolean;
  /** Who may read /api/docs and /api/openapi.json. */
  apiDocs: 'public' | 'signed-in';
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings are treated as unset: `PORT= npm start` should mean the default.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const key = String(i.path[0] ?? '');
        return `${key}=${JSON.stringify(cleaned[key] ?? '')}: ${i.message}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production' && !e.HOUQIN_DATA_KEY) {
    problems.push('HOUQIN_DATA_KEY: required when NODE_ENV=production (personal data is encrypted with it)');
  }
  if (e.NODE_ENV === 'production' && e.HOUQIN_DEMO_DATA) {
    problems.push('HOUQIN_DEMO_DATA: demo data is never loaded when NODE_ENV=production');
  }
  if (problems.length) throw new ConfigError(problems);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.HOUQIN_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    poolSize: e.DATABASE_POOL_SIZE,
    dataKey: e.HOUQIN_DATA_KEY,
    auditKey: e.HOUQIN_AUDIT_KEY,
    sessionIdleMinutes: e.HOUQIN_SESSION_IDLE_MINUTES,
    auditRetentionDays: e.HOUQIN_AUDIT_RETENTION_DAYS,
    demoData: e.NODE_ENV !== 'production' && (e.HOUQIN_DEMO_DATA ?? true),
    maxUploadBytes: e.HOUQIN_MAX_UPLOAD_MB * 1024 * 1024,
    jobs: e.HOUQIN_JOBS,
    loginRateLimit: e.HOUQIN_LOGIN_RATE_LIMIT,
    benchRoutes: e.NODE_ENV !== 'production' && e.HOUQIN_BENCH_ROUTES,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.HOUQIN_TRUST_PROXY,
    apiDocs: e.HOUQIN_API_DOCS ?? (e.NODE_ENV === 'production' ? 'signed-in' : 'public'),
  };
}
