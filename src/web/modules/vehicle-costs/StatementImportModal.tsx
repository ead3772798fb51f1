import { vehicleCostsApi } from '../../../contracts/modules/vehicle-costs.api';
import { pathOf } from '../../../contracts/route';
import { ImportModal } from '../../shared/ui/ServerTable';
import { recordMessages } from './records-i18n';

/** A fuel-card or ETC statement: template, upload (.xlsx or .csv), all or nothing, the error report row by row. */
export function StatementImportModal(props: { kind: 'fuel' | 'etc' | null; onClose: () => void; onImported: () => void }) {
  const tr = recordMessages.useT();
  const kind = props.kind ?? 'fuel';
  return (
    <ImportModal
      open={!!props.kind}
      onClose={props.onClose}
      title={tr(`import.${kind}`)}
      path={pathOf(vehicleCostsApi.importStatement, { kind })}
      templatePath={pathOf(vehicleCostsApi.importTemplate, { kind })}
      accept=".xlsx,.csv"
      hint={tr('import.hint')}
      description={kind === 'fuel' ? tr('import.fuelHint') : undefined}
      okText={(r) => tr('import.ok', { n: r.imported, s: r.skipped ?? 0 })}
      failedText={(n) => tr('import.failed', { n })}
      width={760}
      onImported={props.onImported}
    />
  );
}
