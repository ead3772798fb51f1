import type { CoreServices } from '../core';
import { createAccount, hashPassword } from '../core/bootstrap';
import { DEMO_PASSWORD, type DemoContext } from './load-demo';

/** `keeper`: the district pool's warehouse keeper (公物仓保管员), who accepts, stores, delivers and lends. */
export async function addAssetDemoAccounts(core: CoreServices, ctx: DemoContext): Promise<void> {
  const tenantId = ctx.bureau.tenantId;
  const hash = await hashPassword(DEMO_PASSWORD);
  await core.db.transaction(async (tx) => {
    ctx.accounts.set(
      'keeper',
      await createAccount(
        tx,
        { tenantId, username: 'keeper', displayName: '公物仓保管员', password: '', orgId: ctx.bureau.id, roleCode: 'warehouse_keeper' },
        hash,
      ),
    );
  });
}
