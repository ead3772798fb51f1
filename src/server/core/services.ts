import path from 'node:path';
import type { Db } from '../db/client';
import type { AppDeps } from '../deps';
import { AccountsService } from './accounts/accounts.service';
import { ApprovalService } from './approval/approval.service';
import { AuthService } from './auth/auth.service';
import { FieldCipher } from './crypto/crypto';
import { FilesService } from './files/files.service';
import { JobsService } from './jobs/jobs.service';
import { OrgService } from './org/org.service';
import { PeopleService } from './people/people.service';
import { RefdataService } from './refdata/refdata.service';

/**
 * The core's services over one database. In a file of its own (not in core/index.ts) so that
 * core areas such as the module installer can name the type without importing the core's
 * public surface, which imports them (no cycle).
 */
export type CoreServices = {
  db: Db;
  cipher: FieldCipher;
  auth: AuthService;
  orgs: OrgService;
  accounts: AccountsService;
  people: PeopleService;
  refdata: RefdataService;
  approvals: ApprovalService;
  jobs: JobsService;
  files: FilesService;
};

export function createCoreServices(deps: AppDeps): CoreServices {
  const db = deps.database.db;
  const cipher = new FieldCipher(deps.dataKey);
  return {
    db,
    cipher,
    auth: new AuthService(db, deps.config.sessionIdleMinutes),
    orgs: new OrgService(db),
    accounts: new AccountsService(db),
    people: new PeopleService(db, cipher),
    refdata: new RefdataService(db),
    approvals: new ApprovalService(db),
    jobs: new JobsService(db, console),
    files: new FilesService(db, path.join(deps.config.dataDir, 'files'), deps.config.maxUploadBytes),
  };
}
