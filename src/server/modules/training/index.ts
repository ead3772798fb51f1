import { sql } from 'drizzle-orm';
import { defineModule, queryRows } from '../../core';
import { TRAINING_AUDIT } from './training.audit';
import { addTrainingDemoAccounts, seedTrainingDemo } from './training.demo';
import { TM } from './training.messages';
import { TP, TRAINING_GRANTS, TRAINING_ROLES } from './training.permissions';
import { trainingRoutes } from './training.routes';
import { TRAINING_RULE_TABLES } from './training.ruletables';
import { TrainingService } from './training.service';
import { TRAINING_WORKBENCH } from './training.workbench';

export { TP as TRAINING_PERMISSIONS } from './training.permissions';

/** Training-class lodging (培训住宿): centre rooms and beds, classes, allocation, stays, housekeeping, fee settlement. */
export const trainingModule = defineModule({
  name: 'training',
  titleZh: '培训住宿',
  titleEn: 'Training lodging',
  audit: TRAINING_AUDIT,
  permissions: [TP],
  messages: [TM],
  roles: TRAINING_ROLES,
  grants: TRAINING_GRANTS,
  ruleTables: TRAINING_RULE_TABLES,
  workbench: TRAINING_WORKBENCH,
  // A unit running a centre or organising classes is never hard-deleted.
  orgReferences: [
    async (db, orgId) => {
      const [r] = await queryRows<{ n: number }>(
        db,
        sql`select (select count(*) from training_centres where org_id = ${orgId}) + (select count(*) from training_classes where org_id = ${orgId}) as n`,
      );
      return Number(r?.n ?? 0);
    },
  ],
  routes: async (app, core) => {
    await app.register(trainingRoutes, { svc: new TrainingService(core) });
  },
  demo: { accounts: addTrainingDemoAccounts, seed: seedTrainingDemo },
});
