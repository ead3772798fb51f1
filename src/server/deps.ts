import type { Config } from './config';
import type { DatabaseHandle } from './db/client';

/** What the application is built from: configuration, an open database and the data key. */
export type AppDeps = { config: Config; database: DatabaseHandle; dataKey: string };
