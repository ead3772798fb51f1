import type { CoreServices } from '../../core';

/** Demo vehicles (filled in below). */
export async function seedVehiclesDemo(_core: CoreServices, _ctx: unknown): Promise<void> {}
