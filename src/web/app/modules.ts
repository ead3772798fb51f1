import { assetsWebModule } from '../modules/assets/module';
import { energyWebModule } from '../modules/energy/module';
import { meetingsWebModule } from '../modules/meetings/module';
import { meetingPlansWebModule } from '../modules/meeting-plans/module';
import { meetingServicesWebModule } from '../modules/meeting-services/module';
import { officeSpaceWebModule } from '../modules/office-space/module';
import { procurementWebModule } from '../modules/procurement/module';
import { suppliesWebModule } from '../modules/supplies/module';
import { trainingWebModule } from '../modules/training/module';
import { vehicleCostsWebModule } from '../modules/vehicle-costs/module';
import { vehiclesWebModule } from '../modules/vehicles/module';
import type { WebModule } from '../shared/module';

/**
 * The web app's domain modules, each declared in its folder's module.tsx (routes, menu,
 * public pages). Adding a domain is one line here. The order is the side menu's order
 * (vehicle costs add their entries to the vehicles group, so they come after vehicles).
 */
export const WEB_MODULES: readonly WebModule[] = [
  officeSpaceWebModule,
  assetsWebModule,
  procurementWebModule,
  suppliesWebModule,
  vehiclesWebModule,
  vehicleCostsWebModule,
  energyWebModule,
  meetingsWebModule,
  meetingServicesWebModule,
  meetingPlansWebModule,
  trainingWebModule,
];
