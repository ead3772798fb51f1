import { registerDemoLoader } from '../core/bootstrap';
import { seedAssetsDemo } from '../modules/assets';
import { seedGeneralRequestDemo } from '../modules/general-requests';
import { seedOfficeSpaceDemo } from '../modules/office-space';
import { seedEnergyDemo } from '../modules/energy';
import { seedProcurementDemo } from '../modules/procurement';
import { seedSuppliesDemo } from '../modules/supplies';
import { seedVehicleCostsDemo, seedVehiclesDemo } from '../modules/vehicles';
import { loadDemoDistrict, registerDemoExtension } from './load-demo';
import { addAssetDemoAccounts } from './asset-accounts';
import { addEnergyDemoAccounts } from './energy-accounts';
import { addVehicleDemoAccounts } from './vehicle-accounts';

/** Wires the demo district into start-up (first start, empty database, not in production). */
export function enableDemoData() {
  registerDemoExtension((core, ctx) => seedGeneralRequestDemo(core, ctx.accounts));
  registerDemoExtension((core, ctx) => seedOfficeSpaceDemo(core, ctx));
  registerDemoExtension((core, ctx) => seedVehiclesDemo(core, ctx));
  registerDemoExtension((core, ctx) => seedVehicleCostsDemo(core, ctx));
  registerDemoExtension((core, ctx) => addVehicleDemoAccounts(core, ctx));
  registerDemoExtension((core, ctx) => addEnergyDemoAccounts(core, ctx));
  registerDemoExtension((core, ctx) => seedEnergyDemo(core, ctx));
  registerDemoExtension((core, ctx) => seedProcurementDemo(core, ctx));
  registerDemoExtension((core, ctx) => seedSuppliesDemo(core, ctx));
  registerDemoExtension((core, ctx) => addAssetDemoAccounts(core, ctx));
  registerDemoExtension((core, ctx) => seedAssetsDemo(core, ctx));
  registerDemoLoader(async (core, config, log) => {
    const t0 = Date.now();
    const ctx = await loadDemoDistrict(core, config);
    log.info({ ms: Date.now() - t0, units: ctx.units.size }, 'demo district loaded');
  });
}
export { loadDemoDistrict, registerDemoExtension } from './load-demo';
