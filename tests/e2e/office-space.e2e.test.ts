import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningServer, approveFromInbox, signedInPage, snap, startServer } from './harness';

/**
 * Office space in Chromium against the real server and the demo district: draw a floor and
 * link its rooms, find an over-standard person and rectify by partition through approval,
 * import rooms from Excel, print the filing report. Assertions use test ids and data.
 */
let server: RunningServer;
let browser: Browser;

const as = (username: string, viewport?: { width: number; height: number }) => signedInPage(browser, server.baseUrl, username, viewport);
const json = async <T>(page: Page, path: string): Promise<T> => (await (await page.request.get(`/api/v1${path}`)).json()) as T;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A 4 × 2 pixel PNG standing in for a scanned floor plan. */
const SCAN_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAADklEQVR4nGM4gQQYkDkA89oSwaI+MosAAAAASUVORK5CYII=', 'base64');

describe('office space in the browser', () => {
  it('draws a floor and links a shape to a room', async () => {
    const page = await as('manager');
    const buildings = await json<{ items: { id: number; name: string }[] }>(page, '/office-space/buildings');
    const b2 = buildings.items.find((b) => b.name === '2号楼')!;
    const floors = await json<{ items: { id: number; name: string; hasPlan: boolean; rooms: number }[] }>(
      page,
      `/office-space/floors?buildingId=${b2.id}`,
    );
    const floor = floors.items.find((f) => !f.hasPlan && f.rooms > 0)!;
    await page.goto(`/office/floors?buildingId=${b2.id}&floorId=${floor.id}`);
    await page.getByTestId('plan-edit-toggle').click();
    // A scanned plan to trace over: uploaded, placed at a scale, drawn under the shapes.
    await page
      .locator('input[type="file"][accept="image/*"]')
      .setInputFiles({ name: '2号楼平面.png', mimeType: 'image/png', buffer: SCAN_PNG });
    const mpp = page.locator('input[data-testid="bg-mpp"], [data-testid="bg-mpp"] input').first();
    await mpp.fill('0.5');
    await mpp.blur();
    await expect.poll(() => page.getByTestId('plan-svg').locator('image').count()).toBe(1);
    // 4 × 2 px at 0.5 m per pixel: the scan spans 2 m × 1 m of the plan.
    expect(await page.getByTestId('plan-svg').locator('image').getAttribute('width')).toBe('2');
    await page.getByTestId('tool-rect').click();
    const svg = page.getByTestId('plan-svg');
    const box = (await svg.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.25, box.y + box.height * 0.5, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.locator('[data-testid^="shape-"][data-shape-id]').count()).toBe(1);
    await page.locator('[data-testid^="shape-"][data-shape-id]').first().click();
    await page.getByTestId('shape-room-select').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    expect(Number.parseFloat((await page.getByTestId('shape-area').textContent()) ?? '0')).toBeGreaterThan(0);
    await snap(page, 'office-floor-editor');
    await page.getByTestId('plan-save').click();
    await expect
      .poll(
        async () =>
          (await json<{ plan: { shapes: { roomId: number | null }[] } | null }>(page, `/office-space/floors/${floor.id}`)).plan?.shapes
            .length ?? 0,
        { timeout: 15_000 },
      )
      .toBe(1);
    const saved = await json<{
      plan: { shapes: { roomId: number | null }[]; background: { fileId: string; metresPerPixel: number } | null };
    }>(page, `/office-space/floors/${floor.id}`);
    expect(saved.plan.shapes[0]!.roomId).not.toBeNull();
    expect(saved.plan.background).toMatchObject({ metresPerPixel: 0.5 });
    await expect.poll(() => page.getByTestId('plan-viewer').locator(`[data-room-id="${saved.plan.shapes[0]!.roomId}"]`).count()).toBe(1);
    await page.context().close();
  });

  it('finds an over-standard person and rectifies by partition through approval', async () => {
    const manager = await as('manager');
    const over = await json<{
      items: { personId: number; name: string; orgName: string; excessArea: number; rooms: { number: string }[] }[];
    }>(manager, '/office-space/compliance?onlyOver=true');
    const head = over.items.find((i) => i.orgName === '区发展和改革局' && i.excessArea === 8.5)!;
    expect(head).toBeTruthy();
    await manager.goto('/office/compliance?onlyOver=true');
    await manager.getByTestId(`rectify-${head.personId}`).click();
    // The modal fills in a default partition (the standard area kept, the rest split off) when it opens.
    await expect.poll(() => manager.getByTestId('part-area-1').count()).toBe(1);
    await manager.getByTestId('rect-preview').click();
    await expect.poll(() => manager.getByTestId('rect-preview-result').getAttribute('data-over')).toBe('false');
    await manager.getByTestId('rect-reason').fill('专项督查发现超标 8.5 ㎡，隔出档案室');
    await snap(manager, 'office-rectify-partition');
    await manager.getByTestId('rect-submit').click();
    await expect
      .poll(async () =>
        (await json<{ items: { personId: number; status: string }[] }>(manager, '/office-space/rectifications')).items.some(
          (r) => r.personId === head.personId && r.status === 'pending',
        ),
      )
      .toBe(true);
    await manager.context().close();

    // Drawn up by the bureau: the unit confirms, a bureau leader signs off.
    for (const approver of ['unit_a', 'leader']) {
      const page = await as(approver);
      await approveFromInbox(page, head.name);
      await page.context().close();
    }
    const check = await as('manager');
    const after = await json<{ items: { personId: number; overStandard: boolean; actualArea: number; rooms: { number: string }[] }[] }>(
      check,
      '/office-space/compliance?q=' + encodeURIComponent(head.name),
    );
    const me = after.items.find((i) => i.personId === head.personId)!;
    expect(me.overStandard).toBe(false);
    expect(me.rooms[0]!.number).toBe(`${head.rooms[0]!.number}A`);
    await check.goto('/office/compliance?tab=rect');
    await snap(check, 'office-rectifications');
    await check.context().close();
  });

  it('imports rooms from Excel, all or nothing', async () => {
    const page = await as('unit_a');
    await page.goto('/office/registry?tab=rooms');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('房间');
    ws.addRow(['办公区', '楼栋', '楼层', '房间号', '用途分类', '具体用途', '使用面积(㎡)', '使用单位']);
    ws.addRow(['机关大院', '1号楼（综合楼）', 8, '8E1', '办公室', '办公室', 12.5, '区发展和改革局']);
    ws.addRow(['机关大院', '1号楼（综合楼）', 8, '8E2', '服务用房', '档案室', 20, '区发改局']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await page.getByTestId('import-button').click();
    await page
      .locator('.ant-modal input[type=file]')
      .setInputFiles({ name: 'rooms.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await expect.poll(() => page.getByTestId('import-result').locator('.ant-alert-success').count(), { timeout: 20_000 }).toBe(1);
    const rooms = await json<{ total: number }>(page, '/office-space/rooms?q=8E');
    expect(rooms.total).toBe(2);
    await snap(page, 'office-import-rooms');
    await page.context().close();
  });

  it('prints the unit filing report', async () => {
    const page = await as('unit_a');
    const me = await json<{ user: { orgId: number } }>(page, '/auth/me');
    await page.goto(`/office/filing?orgId=${me.user.orgId}`);
    await expect.poll(() => page.getByTestId('filing-report').count(), { timeout: 15_000 }).toBe(1);
    await expect
      .poll(() => page.getByTestId('filing-report').locator('[data-testid="plan-viewer"]').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await page.getByTestId('print-button').count()).toBe(1);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(20_000);
    await page.emulateMedia({ media: 'screen' });
    await snap(page, 'office-filing-report');
    await page.context().close();
  });

  it('shows staff their own office on a phone', async () => {
    const page = await as('staff', { width: 390, height: 844 });
    await page.goto('/office/mine');
    await expect.poll(() => page.getByTestId('my-office').count()).toBe(1);
    const mine = await json<{ person: { actualArea: number } | null; rooms: unknown[] }>(page, '/office-space/mine');
    expect(mine.person).not.toBeNull();
    expect(mine.rooms.length).toBe(1);
    await snap(page, 'office-mine-phone');
    await page.context().close();
  });
});
