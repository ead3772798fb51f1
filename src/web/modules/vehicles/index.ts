/**
 * What other web modules may use from vehicles (vehicle costs picks vehicles and formats
 * kilometres and times the same way). Anything else in this folder is private to it.
 */
export { DateTimeInput, localToIso, toLocalInput } from './DateTimeInput';
export { UnitSelect, VehicleSelect, errText, fmtKm, fmtTime, useVehicleOptions } from './common';
export { vehicleMessages } from './common.i18n';
