import type { CoreServices, ModuleDemoContext } from '../../core';

/** Demo data: filled in below. */
export async function seedMeetingsDemo(_core: CoreServices, _ctx: ModuleDemoContext): Promise<void> {}
