import { type CoreServices, type ModuleDemoContext, addDays, cnToday } from '../../core';
import { TrainingService } from './training.service';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = [
  '建国',
  '丽娟',
  '志强',
  '海燕',
  '伟',
  '敏',
  '静',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娜',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
];

/** The training centre's demo account: its front desk, at the bureau that runs the centre. */
export async function addTrainingDemoAccounts(_core: CoreServices, ctx: ModuleDemoContext) {
  await ctx.createAccounts([{ username: 'training_desk', displayName: '培训中心前台', orgId: ctx.bureau.id, roleCode: 'training_desk' }]);
}

/**
 * The bureau's training centre through the real service: 40 rooms of 2 beds on floors 2–5, one
 * class in progress (started two days ago, every trainee in a bed, most checked in, one
 * checked out so a room waits for cleaning) and one planned for next month with its roster.
 */
export async function seedTrainingDemo(core: CoreServices, ctx: ModuleDemoContext) {
  const deskId = ctx.accounts.get('training_desk');
  if (!deskId) return;
  const desk = await core.auth.contextFor(core.db, await core.auth.requireAccount(deskId), null, 'zh-CN', 'session');
  const svc = new TrainingService(core);
  const centre = await svc.createCentre(desk, { orgId: ctx.bureau.id, name: '区机关事务培训中心', address: '行政中心东路 8 号' });
  for (let floor = 2; floor <= 5; floor++)
    for (let n = 1; n <= 10; n++) await svc.addRoom(desk, centre.id, { number: `${floor}${String(n).padStart(2, '0')}`, floor, beds: 2 });
  const units = [...ctx.units.entries()].filter(([k]) => k !== 'bureau').map(([, u]) => u);
  const name = (i: number) => `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7 + Math.floor(i / SURNAMES.length)) % GIVEN.length]}`;
  const roster = (n: number, offset: number) =>
    Array.from({ length: n }, (_, i) => ({
      name: name(i + offset),
      unitName: (units[(i + offset) % Math.max(units.length, 1)] as { name?: string } | undefined)?.name ?? null,
      phone: `139${String(10000000 + (i + offset) * 7919).slice(0, 8)}`,
    }));
  const today = cnToday();
  const host = ctx.units.get('u03') ?? ctx.bureau;
  const running = await svc.createClass(desk, {
    centreId: centre.id,
    orgId: host.id,
    title: '全区机关事务干部业务能力提升培训班',
    category: 2,
    startDate: addDays(today, -2),
    endDate: addDays(today, 3),
    trainees: roster(36, 0),
  });
  await svc.autoAllocate(desk, running.id);
  const detail = await svc.getClass(desk, running.id);
  for (const t of detail.trainees.slice(0, 32)) await svc.checkIn(desk, t.id);
  // One trainee left early: the room waits for cleaning.
  await svc.checkOut(desk, detail.trainees[0]!.id);
  await svc.createClass(desk, {
    centreId: centre.id,
    orgId: ctx.units.get('u04')?.id ?? ctx.bureau.id,
    title: '教育系统后勤管理人员培训班',
    category: 3,
    startDate: addDays(today, 20),
    endDate: addDays(today, 24),
    trainees: roster(24, 40),
  });
}
