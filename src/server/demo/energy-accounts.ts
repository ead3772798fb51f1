import type { CoreServices } from '../core';
import { createAccount, hashPassword } from '../core/bootstrap';
import { DEMO_PASSWORD, type DemoContext } from './load-demo';

/**
 * The energy demo accounts: `energy_officer`, the statistician (统计员) of 区发展和改革局 who
 * enters its readings and files its annual report, and `inspector`, the bureau's energy
 * inspector who records patrol findings on a phone. Every other unit (and the bureau) gets
 * its statistician too (`stat_u05` …), who filed last year's report in the demo.
 */
export async function addEnergyDemoAccounts(core: CoreServices, ctx: DemoContext): Promise<void> {
  const tenantId = ctx.bureau.tenantId;
  const hash = await hashPassword(DEMO_PASSWORD);
  const unit = ctx.units.get('u03')!;
  await core.db.transaction(async (tx) => {
    ctx.accounts.set(
      'energy_officer',
      await createAccount(
        tx,
        { tenantId, username: 'energy_officer', displayName: '发改局能源统计员', password: '', orgId: unit.id, roleCode: 'energy_officer' },
        hash,
      ),
    );
    for (const [key, org] of ctx.units) {
      if (key === 'u03') continue;
      ctx.accounts.set(
        `stat_${key}`,
        await createAccount(
          tx,
          {
            tenantId,
            username: `stat_${key}`,
            displayName: '能源统计员',
            password: '',
            orgId: org.id,
            roleCode: 'energy_officer',
            subtree: key !== 'bureau',
          },
          hash,
        ),
      );
    }
    ctx.accounts.set(
      'inspector',
      await createAccount(
        tx,
        { tenantId, username: 'inspector', displayName: '节能巡查员', password: '', orgId: ctx.bureau.id, roleCode: 'energy_inspector' },
        hash,
      ),
    );
  });
}
