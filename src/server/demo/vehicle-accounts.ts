import { sql } from 'drizzle-orm';
import type { CoreServices } from '../core';
import { createAccount, hashPassword } from '../core/bootstrap';
import { queryRows } from '../db/client';
import { DEMO_PASSWORD, type DemoContext } from './load-demo';

/**
 * The two vehicle demo accounts, made once the fleet and its drivers exist: `dispatcher`
 * (the bureau's vehicle dispatcher, whole district) and `driver` (a bureau driver with trips
 * booked in the coming days, who starts and ends them on a phone).
 */
export async function addVehicleDemoAccounts(core: CoreServices, ctx: DemoContext): Promise<void> {
  const tenantId = ctx.bureau.tenantId;
  const [driver] = await queryRows<{ person_id: number; org_id: number; name: string }>(
    core.db,
    sql`select d.person_id, p.org_id, p.name from vehicle_drivers d join people p on p.id = d.person_id
        left join vehicle_bookings b on b.driver_id = d.person_id and b.status = 'booked'
        where p.tenant_id = ${tenantId} and p.org_id = ${ctx.bureau.id}
        group by d.person_id, p.org_id, p.name order by count(b.id) desc, d.person_id limit 1`,
  );
  const hash = await hashPassword(DEMO_PASSWORD);
  await core.db.transaction(async (tx) => {
    ctx.accounts.set(
      'dispatcher',
      await createAccount(
        tx,
        { tenantId, username: 'dispatcher', displayName: '车辆调度员', password: '', orgId: ctx.bureau.id, roleCode: 'dispatcher' },
        hash,
      ),
    );
    if (driver)
      ctx.accounts.set(
        'driver',
        await createAccount(
          tx,
          {
            tenantId,
            username: 'driver',
            displayName: `驾驶员 ${driver.name}`,
            password: '',
            orgId: Number(driver.org_id),
            personId: Number(driver.person_id),
            roleCode: 'driver',
            subtree: false,
          },
          hash,
        ),
      );
  });
}
