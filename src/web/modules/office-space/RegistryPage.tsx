import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { PageHeader } from '../../shared/ui/states';
import { LeasesTab } from './RegistryLeases';
import { OccupancyTab } from './RegistryOccupancy';
import { RoomsTab } from './RegistryRooms';
import { SitesTab } from './RegistrySites';
import { registryMessages } from './registry.i18n';

export { registryMessages } from './registry.i18n';

/** Sites → buildings → floors → rooms, and who uses each room. */
export function RegistryPage() {
  const t = registryMessages.useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'rooms';
  return (
    <div>
      <PageHeader title={t('title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'rooms', label: t('tabRooms'), children: <RoomsTab /> },
          { key: 'occupancy', label: t('tabOcc'), children: <OccupancyTab /> },
          { key: 'sites', label: t('tabSites'), children: <SitesTab /> },
          { key: 'leases', label: t('tabLeases'), children: <LeasesTab /> },
        ]}
      />
    </div>
  );
}
