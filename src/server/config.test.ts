import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';
import { localeFromHeader, translate } from './core/i18n/messages';

describe('configuration', () => {
  it('applies defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.demoData).toBe(true);
    expect(c.dataDir.endsWith('data')).toBe(true);
  });
  it('names every bad variable in one error', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', NODE_ENV: 'staging' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('PORT="abc"');
      expect(msg).toContain('DATABASE_URL');
      expect(msg).toContain('NODE_ENV');
    }
  });
  it('requires a data key in production and never loads demo data there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/HOUQIN_DATA_KEY/);
    const c = loadConfig({ NODE_ENV: 'production', HOUQIN_DATA_KEY: 'a'.repeat(64) });
    expect(c.demoData).toBe(false);
  });
  it('shows the API description to everyone outside production, to signed-in callers in production, unless configured', () => {
    const key = { HOUQIN_DATA_KEY: 'a'.repeat(64) };
    expect(loadConfig({}).apiDocs).toBe('public');
    expect(loadConfig({ NODE_ENV: 'test' }).apiDocs).toBe('public');
    expect(loadConfig({ NODE_ENV: 'production', ...key }).apiDocs).toBe('signed-in');
    expect(loadConfig({ NODE_ENV: 'production', HOUQIN_API_DOCS: 'public', ...key }).apiDocs).toBe('public');
    expect(loadConfig({ NODE_ENV: 'development', HOUQIN_API_DOCS: 'signed-in' }).apiDocs).toBe('signed-in');
    expect(() => loadConfig({ HOUQIN_API_DOCS: 'nobody' })).toThrow(/HOUQIN_API_DOCS/);
  });
});

describe('languages', () => {
  it('picks zh-CN by default and honours Accept-Language', () => {
    expect(localeFromHeader(undefined)).toBe('zh-CN');
    expect(localeFromHeader('en-US,en;q=0.9')).toBe('en');
    expect(localeFromHeader('fr-FR, en;q=0.5, zh-CN;q=0.8')).toBe('zh-CN');
    expect(localeFromHeader('de')).toBe('zh-CN');
  });
  it('fills message parameters', () => {
    expect(translate('ACCOUNT_LOCKED', 'en', { minutes: 15 })).toContain('15 minutes');
    expect(translate('ACCOUNT_LOCKED', 'zh-CN', { minutes: 15 })).toContain('15 分钟');
  });
});
