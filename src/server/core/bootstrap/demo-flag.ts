import type { CoreServices } from '../services';

/**
 * Whether the demo district is in this database, for the sign-in page's hint with the demo
 * accounts (`GET /auth/config`). Decided once the database is prepared: only when the config
 * allows demo data (never in production) and the demo loader's probe finds its district (loaded
 * now or on an earlier first start). Per process; false until prepared.
 */
type DemoProbe = (core: CoreServices) => Promise<boolean>;
let probe: DemoProbe | null = null;
let loaded = false;

export function registerDemoProbe(p: DemoProbe): void {
  probe = p;
}
export async function settleDemoFlag(core: CoreServices, demoAllowed: boolean): Promise<void> {
  loaded = demoAllowed && probe !== null && (await probe(core));
}
export function demoDatasetLoaded(): boolean {
  return loaded;
}
