import { describe, expect, it } from 'vitest';
import { pageRoutes, routePermission } from '../../src/web/app/routes';

/**
 * Every page of the signed-in app (the core's and every module's) says what it is for in both
 * languages (the ? beside its title), and says who may open it (the route guard's permission,
 * or null for a page every signed-in user may open).
 */
describe('page routes', () => {
  it('are the core pages and every module page', () => {
    const paths = pageRoutes.map((r) => r.path);
    expect(paths).toContain('');
    expect(paths).toContain('org');
    expect(paths).toContain('vehicles/request');
    expect(paths).toContain('energy/reports/:orgId/:year');
    expect(new Set(paths).size).toBe(paths.length);
  });

  it.each(pageRoutes.map((r) => [r.path || '/', r] as const))('%s has help in zh and en', (_path, r) => {
    expect(r.help.zh.trim().length, 'zh help').toBeGreaterThan(15);
    expect(r.help.en.trim().length, 'en help').toBeGreaterThan(30);
    // The Chinese text is Chinese and the English text is not.
    expect(r.help.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(r.help.en).not.toMatch(/[\u4e00-\u9fff]{4,}/);
  });

  it.each(pageRoutes.map((r) => [r.path || '/', r] as const))('%s says who may open it', (_path, r) => {
    expect(routePermission(r), 'a permission, or null for every signed-in user').not.toBeUndefined();
  });

  it('guards the administration pages the self-service roles must not open', () => {
    const perm = (p: string) => routePermission(pageRoutes.find((r) => r.path === p)!);
    expect(perm('org')).toBe('org.read');
    expect(perm('refdata')).toBe('refdata.read');
    expect(perm('calendar')).toBe('refdata.read');
    expect(perm('assets/card/:code')).toEqual(['assets.read', 'assets.scan']);
  });
});
