import type { Config } from './config';
import type { DatabaseHandle } from './db/client';

/** What the application is built from: configuration, an open database and the data key. */
export type AppDeps = {
  config: Config;
  database: DatabaseHandle;
  dataKey: string;
  /**
   * The web app's build, when `npm start` runs it while the database is prepared (a first
   * start): the web files are served once it is done, and the server listens only then.
   */
  webBuild?: Promise<void>;
};
