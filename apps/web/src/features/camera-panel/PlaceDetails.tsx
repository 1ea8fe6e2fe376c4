import { DEVICE_STATUSES } from '@onpatrol/contracts';
import { useTranslation } from 'react-i18next';
import { Field, Phone, StatusPill } from '../../ui/Field';
import { useRegistry } from '../registry/registryStore';

function useStationName() {
  const { i18n } = useTranslation();
  const stationById = useRegistry((s) => s.stationById);
  return (id: string) => {
    const st = stationById.get(id);
    return st ? (i18n.language === 'en' ? st.nameEn : st.name) : id;
  };
}

/** An infrared alarm: its site, protected zone and live status, all from the loaded registry. */
export function AlarmDetails({ id }: { id: string }) {
  const { t } = useTranslation();
  const alarm = useRegistry((s) => s.alarmById.get(id));
  const site = useRegistry((s) => (alarm ? s.siteById.get(alarm.siteId) : undefined));
  const live = useRegistry((s) => {
    const i = s.alarms?.indexOf.get(id);
    return i === undefined ? undefined : s.alarms?.status[i];
  });
  const stationName = useStationName();
  if (!alarm) return null;
  const status = live === undefined ? alarm.status : (DEVICE_STATUSES[live] ?? alarm.status);
  return (
    <>
      <h2 className="side-title" data-testid="alarm-panel-name">
        {alarm.name}
      </h2>
      <dl className="fields">
        <Field label={t('panel.id')}>
          <code>{alarm.id}</code>
        </Field>
        <Field label={t('panel.status')} testId="alarm-panel-status">
          <StatusPill status={status} label={t(`status.${status}`)} />
        </Field>
        <Field label={t('panel.zone')}>{alarm.zone}</Field>
        <Field label={t('panel.site')}>{site?.name ?? alarm.siteId}</Field>
        {site && <Field label={t('panel.kind')}>{t(`siteKind.${site.kind}`)}</Field>}
        {site?.address && <Field label={t('panel.address')}>{site.address}</Field>}
        <Field label={t('panel.jurisdiction')}>{stationName(alarm.stationId)}</Field>
      </dl>
    </>
  );
}

/** A site: kind, address, station and how many devices it has on the map. */
export function SiteDetails({ id }: { id: string }) {
  const { t } = useTranslation();
  const site = useRegistry((s) => s.siteById.get(id));
  const cameras = useRegistry((s) => s.cameras);
  const alarms = useRegistry((s) => s.alarms);
  const stationName = useStationName();
  if (!site) return null;
  const count = (ids: readonly string[] | undefined) =>
    ids?.reduce((n, sid) => (sid === id ? n + 1 : n), 0) ?? 0;
  return (
    <>
      <h2 className="side-title" data-testid="site-panel-name">
        {site.name}
      </h2>
      <dl className="fields">
        <Field label={t('panel.kind')}>{t(`siteKind.${site.kind}`)}</Field>
        {site.address && <Field label={t('panel.address')}>{site.address}</Field>}
        <Field label={t('panel.jurisdiction')}>{stationName(site.stationId)}</Field>
        <Field label={t('panel.devices')}>
          {t('panel.deviceCounts', { cameras: count(cameras?.siteIds), alarms: count(alarms?.siteIds) })}
        </Field>
      </dl>
    </>
  );
}

/** A police station: address, phone and the devices in its jurisdiction. */
export function StationDetails({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const station = useRegistry((s) => s.stationById.get(id));
  const cameras = useRegistry((s) => s.cameras);
  const alarms = useRegistry((s) => s.alarms);
  if (!station) return null;
  const count = (ids: readonly string[] | undefined) =>
    ids?.reduce((n, sid) => (sid === id ? n + 1 : n), 0) ?? 0;
  return (
    <>
      <h2 className="side-title" data-testid="station-panel-name">
        {i18n.language === 'en' ? station.nameEn : station.name}
      </h2>
      <dl className="fields">
        <Field label={t('panel.id')}>
          <code>{station.id}</code>
        </Field>
        <Field label={t('panel.address')}>{station.address}</Field>
        <Field label={t('panel.phone')}>
          <Phone value={station.phone} />
        </Field>
        <Field label={t('panel.devices')}>
          {t('panel.deviceCounts', {
            cameras: count(cameras?.stationIds),
            alarms: count(alarms?.stationIds),
          })}
        </Field>
      </dl>
    </>
  );
}
