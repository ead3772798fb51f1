import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { pathOf } from '../../../contracts/route';
import { useT } from '../../shared/i18n';
import { ImportModal } from '../../shared/ui/ServerTable';

import './records-i18n';

/** A fuel-card or ETC statement: template, upload (.xlsx or .csv), all or nothing, the error report row by row. */
export function StatementImportModal(props: { kind: 'fuel' | 'etc' | null; onClose: () => void; onImported: () => void }) {
  const t = useT();
  const kind = props.kind ?? 'fuel';
  return (
    <ImportModal
      open={!!props.kind}
      onClose={props.onClose}
      title={t(`vcr.import.${kind}`)}
      path={pathOf(vehicleCostsApi.importStatement, { kind })}
      templatePath={pathOf(vehicleCostsApi.importTemplate, { kind })}
      accept=".xlsx,.csv"
      hint={t('vcr.import.hint')}
      description={kind === 'fuel' ? t('vcr.import.fuelHint') : undefined}
      okText={(r) => t('vcr.import.ok', { n: r.imported, s: r.skipped ?? 0 })}
      failedText={(n) => t('vcr.import.failed', { n })}
      width={760}
      onImported={props.onImported}
    />
  );
}
