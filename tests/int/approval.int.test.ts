import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, addAccountWithRole, buildTestApp, login, seedTestDistrict } from '../helpers/app';

let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let staff: Session;
let unitA: Session;
let unitB: Session;
let manager: Session;
let leader: Session;

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  [staff, unitA, unitB, manager, leader] = await Promise.all(['staff', 'unit_a', 'unit_b', 'manager', 'leader'].map((u) => login(app, u)));
});
afterAll(async () => {
  await app?.close();
});

const submit = (s: Session, body: Record<string, unknown> = {}) =>
  s.post('/api/v1/general-requests', { title: '申领会议室投影仪', category: 'purchase', content: '部门例会需要', amount: 3000, ...body });

describe('approval engine with the general request', () => {
  it('runs a request through two approval steps to approval, with timeline and notifications', async () => {
    const created = await submit(staff);
    expect(created.statusCode).toBe(200);
    const instanceId = created.json().instanceId;
    expect((await unitA.get('/api/v1/approvals/inbox/count')).json().count).toBe(1);
    expect((await manager.get('/api/v1/approvals/inbox/count')).json().count).toBe(0);
    const n1 = await unitA.get('/api/v1/notifications/unread-count');
    expect(n1.json().count).toBeGreaterThan(0);
    // The to-do names the step in the reader's language (the title, not a one-language body).
    const todo = (await unitA.get('/api/v1/notifications'))
      .json()
      .items.find((n: { link: string }) => n.link === `/approvals/${instanceId}`);
    expect(todo.title).toMatch(/^待审批（.+）：/);
    expect(todo.body ?? null).toBeNull();
    const todoEn = (
      await app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { ...unitA.headers, 'accept-language': 'en' } })
    )
      .json()
      .items.find((n: { link: string }) => n.link === `/approvals/${instanceId}`);
    expect(todoEn.title).toMatch(/^To approve \([A-Za-z].*\): /);

    const detail = await unitA.get(`/api/v1/approvals/${instanceId}`);
    expect(detail.json().allowedActions).toEqual(['approve', 'reject', 'return']);
    expect(detail.json().steps.map((s: { state: string }) => s.state)).toEqual(['current', 'waiting', 'skipped']);

    expect((await unitA.post(`/api/v1/approvals/${instanceId}/approve`, { comment: '同意' })).statusCode).toBe(200);
    expect((await manager.get('/api/v1/approvals/inbox')).json().items[0].stepName).toBe('机关事务局审核');
    expect((await manager.post(`/api/v1/approvals/${instanceId}/approve`, {})).statusCode).toBe(200);

    const final = await staff.get(`/api/v1/approvals/${instanceId}`);
    expect(final.json().instance.status).toBe('approved');
    expect(final.json().timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'approve', 'approve']);
    expect(final.json().steps[2].state).toBe('skipped'); // 3,000 yuan does not need the leader
    expect((await staff.get(`/api/v1/general-requests/${created.json().id}`)).json().status).toBe('approved');
    const notes = (await staff.get('/api/v1/notifications')).json().items.map((n: { title: string }) => n.title);
    expect(notes.some((t: string) => t.startsWith('已通过'))).toBe(true);
  });

  it('attaches files to an approval decision and shows them in the timeline', async () => {
    const { upload } = await import('../helpers/excel');
    const id = (await submit(staff)).json().instanceId;
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const up = await upload(app, unitA, '/api/v1/files', pdf, '核查意见.pdf', { ownerType: 'approval', ownerId: String(id) });
    expect(up.statusCode).toBe(200);
    expect(up.json().mime).toBe('application/pdf');
    // unit B may not attach to, nor see, unit A's approval files.
    expect((await upload(app, unitB, '/api/v1/files', pdf, 'x.pdf', { ownerType: 'approval', ownerId: String(id) })).statusCode).toBe(404);
    expect((await unitB.get(`/api/v1/files/${up.json().id}`)).statusCode).toBe(404);
    expect((await unitA.post(`/api/v1/approvals/${id}/approve`, { comment: '见附件', attachmentIds: ['0'.repeat(32)] })).statusCode).toBe(
      404,
    );
    expect((await unitA.post(`/api/v1/approvals/${id}/approve`, { comment: '见附件', attachmentIds: [up.json().id] })).statusCode).toBe(
      200,
    );
    const tl = (await staff.get(`/api/v1/approvals/${id}`)).json().timeline;
    expect(tl[1].attachments).toEqual([{ id: up.json().id, filename: '核查意见.pdf' }]);
    expect((await staff.get(`/api/v1/files/${up.json().id}`)).statusCode).toBe(200);
  });

  it('adds the leader step when the amount exceeds 10,000', async () => {
    const id = (await submit(staff, { amount: 25000 })).json().instanceId;
    await unitA.post(`/api/v1/approvals/${id}/approve`, {});
    await manager.post(`/api/v1/approvals/${id}/approve`, {});
    expect((await staff.get(`/api/v1/approvals/${id}`)).json().instance.status).toBe('pending');
    expect((await leader.post(`/api/v1/approvals/${id}/approve`, {})).statusCode).toBe(200);
    expect((await staff.get(`/api/v1/approvals/${id}`)).json().instance.status).toBe('approved');
  });

  it('rejects with a required reason', async () => {
    const id = (await submit(staff)).json().instanceId;
    const noReason = await unitA.post(`/api/v1/approvals/${id}/reject`, {});
    expect(noReason.statusCode).toBe(400);
    expect((await unitA.post(`/api/v1/approvals/${id}/reject`, { reason: '预算不足' })).statusCode).toBe(200);
    const r = await staff.get(`/api/v1/approvals/${id}`);
    expect(r.json().instance.status).toBe('rejected');
    expect(r.json().timeline.at(-1).comment).toBe('预算不足');
  });

  it('returns for revision; the applicant edits and resubmits in a new round', async () => {
    const created = await submit(staff);
    const id = created.json().instanceId;
    expect((await unitA.post(`/api/v1/approvals/${id}/return`, { reason: '请补充用途' })).statusCode).toBe(200);
    expect((await staff.get(`/api/v1/general-requests/${created.json().id}`)).json().status).toBe('returned');
    const revised = await staff.patch(`/api/v1/general-requests/${created.json().id}`, {
      title: '申领投影仪（补充）',
      category: 'purchase',
      content: '用于每周例会与培训',
      amount: 3000,
    });
    expect(revised.statusCode).toBe(200);
    const after = await staff.get(`/api/v1/approvals/${id}`);
    expect(after.json().instance.status).toBe('pending');
    expect(after.json().instance.round).toBe(2);
    expect((await unitA.post(`/api/v1/approvals/${id}/approve`, {})).statusCode).toBe(200);
  });

  it('lets the applicant withdraw while pending, and nobody else', async () => {
    const id = (await submit(staff)).json().instanceId;
    expect((await unitA.post(`/api/v1/approvals/${id}/withdraw`, {})).statusCode).toBe(403);
    expect((await staff.post(`/api/v1/approvals/${id}/withdraw`, {})).statusCode).toBe(200);
    expect((await unitA.post(`/api/v1/approvals/${id}/approve`, {})).statusCode).toBe(409);
  });

  it('gives exactly one of two simultaneous approvers the step; the other gets 409', async () => {
    // A second unit administrator for unit A makes the first step any-of two.
    const second = await addAccountWithRole(app, { username: 'unit_a2', orgId: d.unitA.id, roleCode: 'unit_admin' });
    const id = (await submit(staff)).json().instanceId;
    const [a, b] = await Promise.all([
      unitA.post(`/api/v1/approvals/${id}/approve`, {}),
      second.post(`/api/v1/approvals/${id}/approve`, {}),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error.code).toBe('APPROVAL_CONFLICT');
    const timeline = (await staff.get(`/api/v1/approvals/${id}`)).json().timeline;
    expect(timeline.filter((t: { action: string }) => t.action === 'approve')).toHaveLength(1);
  });

  it('detects a stale view by version', async () => {
    const id = (await submit(staff)).json().instanceId;
    const v = (await unitA.get(`/api/v1/approvals/${id}`)).json().instance.version;
    expect((await unitA.post(`/api/v1/approvals/${id}/approve`, { version: v + 5 })).statusCode).toBe(409);
    expect((await unitA.post(`/api/v1/approvals/${id}/approve`, { version: v })).statusCode).toBe(200);
  });

  it('keeps in-flight instances on their flow version when the flow changes', async () => {
    const id = (await submit(staff)).json().instanceId;
    const admin = await login(app, 'admin');
    const put = await admin.put('/api/v1/approval-flows/general', {
      nameZh: '通用事项审批（简化）',
      nameEn: 'General (simplified)',
      steps: [
        { key: 'unit', nameZh: '单位审核', nameEn: 'Unit review', approver: { role: 'unit_admin', at: 'applicant_unit' }, mode: 'any' },
      ],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().version).toBe(2);
    await unitA.post(`/api/v1/approvals/${id}/approve`, {});
    expect((await staff.get(`/api/v1/approvals/${id}`)).json().instance.status).toBe('pending'); // old version: bureau step remains
    const newId = (await submit(staff)).json().instanceId;
    await unitA.post(`/api/v1/approvals/${newId}/approve`, {});
    expect((await staff.get(`/api/v1/approvals/${newId}`)).json().instance.status).toBe('approved');
    const bad = await admin.put('/api/v1/approval-flows/general', {
      nameZh: 'x',
      nameEn: 'x',
      steps: [{ key: 'a', nameZh: 'a', nameEn: 'a', approver: { role: 'no_such_role', at: 'any' } }],
    });
    expect(bad.statusCode).toBe(400);
  });

  it('isolates units: unit B sees and acts on nothing of unit A', async () => {
    const id = (await submit(staff)).json().instanceId;
    expect((await unitB.get(`/api/v1/approvals/${id}`)).statusCode).toBe(404);
    expect((await unitB.post(`/api/v1/approvals/${id}/approve`, {})).statusCode).toBe(404);
    expect((await unitB.get('/api/v1/approvals/search?pageSize=100')).json().items.some((i: { id: number }) => i.id === id)).toBe(false);
    const gr = (await staff.get('/api/v1/general-requests')).json().items[0].id;
    expect((await unitB.get(`/api/v1/general-requests/${gr}`)).statusCode).toBe(404);
    expect((await unitB.get('/api/v1/general-requests')).json().total).toBe(0);
  });

  it('reports a step without any approver instead of creating a stuck request', async () => {
    const admin = await login(app, 'admin');
    const orphan = await admin.post('/api/v1/orgs', { name: '无管理员单位', parentId: d.bureau.id, kind: 'unit', agencyLevel: 'county' });
    const lonely = await addAccountWithRole(app, { username: 'lonely', orgId: orphan.json().id, roleCode: 'staff' });
    const res = await submit(lonely);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('APPROVAL_NO_APPROVER');
    expect((await lonely.get('/api/v1/general-requests')).json().total).toBe(0);
  });
});
