import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type CoreServices, queryRows, registerOrgReferenceCheck } from '../../core';
import { EnergyExcel } from './energy.excel';
import { type EnergyServices, energyRoutes } from './energy.routes';
import { MeterService } from './meters.service';
import { ReadingService } from './readings.service';
import './energy.permissions';

export { EP as ENERGY_PERMISSIONS } from './energy.permissions';
export type { EnergyServices } from './energy.routes';

/** The module's services over one database (the app, the demo loader and the bench use it). */
export function createEnergyServices(core: CoreServices): EnergyServices {
  const meters = new MeterService(core);
  const readings = new ReadingService(core);
  return { meters, readings, excel: new EnergyExcel(core, meters, readings) };
}

// A unit with meters, quotas or reports is never hard-deleted.
registerOrgReferenceCheck(async (db, orgId) => {
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`select (select count(*) from energy_meters where org_id = ${orgId}) + (select count(*) from energy_quotas where org_id = ${orgId})
          + (select count(*) from energy_reports where org_id = ${orgId}) as n`,
  );
  return Number(r?.n ?? 0);
});

/** Public-institution energy (公共机构节能): routes; permissions and roles register on import. */
export async function registerEnergy(app: FastifyInstance, core: CoreServices, maxUploadMb: number): Promise<void> {
  await app.register(energyRoutes, { svc: createEnergyServices(core), maxUploadMb });
}
