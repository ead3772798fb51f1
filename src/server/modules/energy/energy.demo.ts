import type { CoreServices } from '../../core';

/** Demo energy data: filled in by the next step. */
export async function seedEnergyDemo(_core: CoreServices, _ctx: unknown): Promise<void> {}
