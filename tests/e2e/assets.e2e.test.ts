import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningServer, approveFromInbox, pick, signedInPage, snap, startServer } from './harness';

/**
 * Assets and the pool in Chromium against the real server and the demo district: a unit hands
 * in two cards, the keeper accepts them, another unit requests them from the catalogue, the
 * bureau approves and the unit signs for them — they join its register; and a stocktake is
 * counted by scanning on a phone. Assertions read test ids and the API, never glyphs.
 */
let server: RunningServer;
let browser: Browser;
const PHONE = { width: 390, height: 844 };
const ok = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn-primary').last();
type Card = { id: number; code: string; orgId: number; status: string };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('assets and the public asset pool in the browser', () => {
  it('hand-in → acceptance → allocation request → approval → receipt', async () => {
    const unitA = await signedInPage(browser, server.baseUrl, 'unit_a');
    const mine = (await (await unitA.request.get('/api/v1/assets?status=idle&pageSize=50')).json()) as { items: Card[] };
    const list =
      mine.items.length >= 2
        ? mine.items
        : ((await (await unitA.request.get('/api/v1/assets?status=in_use&pageSize=2')).json()) as { items: Card[] }).items;
    const two = list.slice(0, 2);
    expect(two).toHaveLength(2);
    await unitA.goto('/assets');
    await unitA.getByTestId('assets-table').waitFor();
    for (const c of two) {
      await unitA.getByTestId('asset-filter-q').fill(c.code);
      await unitA.getByTestId('asset-filter-q').press('Enter');
      await unitA.locator('tr', { hasText: c.code }).locator('.ant-checkbox-input').check();
    }
    await unitA.getByTestId('asset-hand-in-selected').click();
    await pick(unitA, 'hand-in-reason', '超标准配置', { type: false });
    await ok(unitA).click();
    await expect
      .poll(async () => ((await (await unitA.request.get(`/api/v1/assets/${two[0]!.id}`)).json()) as Card).status, { timeout: 15_000 })
      .toBe('reserved');
    const batches = (await (await unitA.request.get('/api/v1/asset-pool/hand-ins?status=submitted')).json()) as {
      items: { id: number; code: string; assetIds: number[] }[];
    };
    const batch = batches.items.find((b) => b.assetIds.includes(two[0]!.id))!;
    expect(batch.assetIds.sort()).toEqual(two.map((c) => c.id).sort());

    const keeper = await signedInPage(browser, server.baseUrl, 'keeper');
    await keeper.goto('/assets/pool');
    await keeper.getByTestId('pool-tab-hand-ins').click();
    await keeper.getByTestId(`pool-accept-${batch.code}`).click();
    // Item by item: the first passes every check; the second is graded C with its appearance failed.
    const item = (id: number) => keeper.getByTestId(`pool-accept-item-${id}`);
    await item(two[1]!.id).waitFor({ timeout: 15_000 });
    for (const box of await item(two[0]!.id).locator('.ant-checkbox-input').all()) await box.check();
    await pick(keeper, `pool-accept-grade-${two[1]!.id}`, 'C', { type: false });
    const second = item(two[1]!.id).locator('.ant-checkbox-input');
    const n = await second.count();
    expect(n).toBe(5);
    // All but the second check (appearance) pass.
    for (let i = 0; i < n; i++) if (i !== 1) await second.nth(i).check();
    await snap(keeper, 'asset-pool-acceptance');
    await ok(keeper).click();
    await expect
      .poll(async () => ((await (await keeper.request.get(`/api/v1/assets/${two[0]!.id}`)).json()) as Card).status, { timeout: 15_000 })
      .toBe('in_pool');
    const accepted = (await (await keeper.request.get(`/api/v1/asset-pool/hand-ins/${batch.id}`)).json()) as {
      items: { assetId: number; condition: string; checks: Record<string, boolean> }[];
    };
    const got0 = accepted.items.find((i) => i.assetId === two[0]!.id)!;
    const got1 = accepted.items.find((i) => i.assetId === two[1]!.id)!;
    expect(got0).toMatchObject({
      condition: 'A',
      checks: { matches_register: true, appearance: true, works: true, accessories: true, label: true },
    });
    expect(got1).toMatchObject({ condition: 'C', checks: { appearance: false, works: true } });
    await snap(keeper, 'asset-pool-hand-ins');
    // The printed acceptance form shows each item's own checks, in words.
    await keeper.goto(`/assets/pool/print/hand-in/${batch.id}`);
    await keeper.getByTestId(`pool-print-checks-${two[1]!.id}`).waitFor({ timeout: 15_000 });
    expect(await keeper.getByTestId(`pool-print-checks-${two[1]!.id}`).textContent()).toContain('外观完好');
    expect(await keeper.getByTestId(`pool-print-checks-${two[0]!.id}`).textContent()).toBe('全部通过');

    const unitB = await signedInPage(browser, server.baseUrl, 'unit_b');
    await unitB.goto('/assets/pool');
    await unitB.getByTestId('pool-catalogue').waitFor();
    await unitB.getByTestId('pool-filter-q').fill(two[0]!.code);
    await unitB.getByTestId('pool-filter-q').press('Enter');
    await unitB.locator('tr', { hasText: two[0]!.code }).locator('.ant-checkbox-input').check();
    await unitB.getByTestId('pool-request').click();
    await unitB.getByTestId('pool-reason').fill('新设科室办公配置');
    await ok(unitB).click();
    await expect
      .poll(async () => ((await (await unitB.request.get(`/api/v1/assets/${two[0]!.id}`)).json()) as Card).status, { timeout: 15_000 })
      .toBe('reserved');
    const alloc = (
      (await (await unitB.request.get('/api/v1/asset-pool/allocations?status=pending')).json()) as {
        items: { id: number; code: string; assetIds: number[] }[];
      }
    ).items.find((a) => a.assetIds.includes(two[0]!.id))!;

    const manager = await signedInPage(browser, server.baseUrl, 'manager');
    await approveFromInbox(manager, alloc.code);
    await unitB.goto('/assets/pool');
    await unitB.getByTestId('pool-tab-allocations').click();
    await unitB.getByTestId(`pool-receive-${alloc.code}`).click();
    const me = (await (await unitB.request.get('/api/v1/auth/me')).json()) as { user?: { orgId: number }; orgId?: number };
    await expect
      .poll(async () => ((await (await unitB.request.get(`/api/v1/assets/${two[0]!.id}`)).json()) as Card).status, { timeout: 15_000 })
      .toBe('in_use');
    const got = (await (await unitB.request.get(`/api/v1/assets/${two[0]!.id}`)).json()) as Card;
    expect(got.orgId).toBe(me.user?.orgId ?? me.orgId);
    await snap(unitB, 'asset-pool-allocations');
    // The paper form (调剂单) lists the item, for signatures.
    await unitB.goto(`/assets/pool/print/allocation/${alloc.id}`);
    await unitB.getByTestId('pool-print-items').locator('tr', { hasText: two[0]!.code }).waitFor({ timeout: 15_000 });
    await unitB.getByTestId('print-button').waitFor();
    await snap(unitB, 'asset-allocation-form');
    for (const p of [unitA, keeper, unitB, manager]) await p.context().close();
  });

  it('a stocktake is counted by scanning on a phone', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'unit_a', PHONE);
    const open = (
      (await (await page.request.get('/api/v1/asset-stocktakes?status=open')).json()) as {
        items: { id: number; missing: { code: string }[]; found: number }[];
      }
    ).items[0]!;
    expect(open.missing.length).toBeGreaterThan(0);
    await page.goto(`/assets/stocktakes/${open.id}`);
    await page.getByTestId('stocktake-detail').waitFor();
    await page.getByTestId('stocktake-code').fill(open.missing[0]!.code);
    await page.getByTestId('stocktake-code').press('Enter');
    await page.getByTestId('scan-result-found').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('stocktake-code').fill('NOT-ON-ANY-REGISTER');
    await page.getByTestId('stocktake-code').press('Enter');
    await page.getByTestId('scan-result-surplus').first().waitFor({ timeout: 15_000 });
    const after = (await (await page.request.get(`/api/v1/asset-stocktakes/${open.id}`)).json()) as { found: number; surplus: unknown[] };
    expect(after.found).toBe(open.found + 1);
    expect(after.surplus).toHaveLength(1);
    await snap(page, 'asset-stocktake-phone');
    await page.context().close();
  });
});
