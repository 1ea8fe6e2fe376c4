import { type CameraDetail, DEVICE_STATUSES } from '@onpatrol/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { dragCamera } from '../../ui/dnd';
import { errorText } from '../../ui/errorText';
import { Field, Phone, StatusPill } from '../../ui/Field';
import { useRegistry } from '../registry/registryStore';
import { ReportButton } from '../report/ReportButton';
import { placeOnWall } from '../wall/grid/placeOnWall';

/** Everything about one camera, fetched from /api/cameras/:id (owner contacts are not in the bulk load). */
export function CameraDetails({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const [detail, setDetail] = useState<CameraDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  // The live status comes from the map's status store, which realtime updates patch in place.
  const liveStatus = useRegistry((s) => {
    const i = s.cameras?.indexOf.get(id);
    return i === undefined ? undefined : s.cameras?.status[i];
  });

  useEffect(() => {
    let live = true;
    setDetail(null);
    setError(null);
    api.camera(id).then(
      (d) => live && setDetail(d),
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [id]);

  if (error) return <p className="form-error">{errorText(t, error)}</p>;
  if (!detail) return <p className="muted">{t('panel.loading')}</p>;
  const { camera, set, site, station } = detail;
  const status = liveStatus === undefined ? camera.status : (DEVICE_STATUSES[liveStatus] ?? camera.status);
  const en = i18n.language === 'en';
  return (
    <>
      <h2
        className="side-title"
        data-testid="camera-panel-name"
        draggable
        title={t('wall.drag')}
        onDragStart={(e) => dragCamera(e, camera.id)}
      >
        {camera.name}
      </h2>
      <div className="side-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="panel-play"
          title={t('wall.playTitle')}
          draggable
          onDragStart={(e) => dragCamera(e, camera.id)}
          onClick={() => placeOnWall(camera.id)}
        >
          ▶ {t('wall.play')}
        </button>
        <ReportButton cameraId={camera.id} />
      </div>
      <dl className="fields">
        <Field label={t('panel.id')} testId="camera-panel-id">
          <code>{camera.id}</code>
        </Field>
        <Field label={t('panel.kind')}>{t(`cameraKind.${camera.kind}`)}</Field>
        <Field label={t('panel.status')} testId="camera-panel-status">
          <StatusPill status={status} label={t(`status.${status}`)} />
        </Field>
        <Field label={t('panel.bearing')}>{t('panel.degrees', { value: Math.round(camera.bearing) })}</Field>
        <Field label={t('panel.fov')}>{t('panel.degrees', { value: Math.round(camera.fov) })}</Field>
        <Field label={t('panel.range')}>{t('panel.metres', { value: Math.round(camera.range) })}</Field>
      </dl>
      <h3 className="side-section">{t('panel.site')}</h3>
      <dl className="fields">
        <Field label={t('panel.site')}>{site.name}</Field>
        <Field label={t('panel.kind')}>{t(`siteKind.${site.kind}`)}</Field>
        {site.address && <Field label={t('panel.address')}>{site.address}</Field>}
      </dl>
      <h3 className="side-section">{t('panel.set')}</h3>
      <dl className="fields">
        <Field label={t('panel.set')}>{set.name}</Field>
        <Field label={t('panel.vendor')}>{set.vendor}</Field>
        {/* A street unit is not given the contacts: the rows are left out, not shown empty. */}
        {set.owner !== undefined && (
          <Field label={t('panel.owner')}>
            {set.owner} {set.ownerPhone && <Phone value={set.ownerPhone} />}
          </Field>
        )}
        {set.maintainer !== undefined && (
          <Field label={t('panel.maintainer')}>
            {set.maintainer} {set.maintainerPhone && <Phone value={set.maintainerPhone} />}
          </Field>
        )}
      </dl>
      <h3 className="side-section">{t('panel.station')}</h3>
      <dl className="fields">
        <Field label={t('panel.station')}>{en ? station.nameEn : station.name}</Field>
        <Field label={t('panel.phone')}>
          <Phone value={station.phone} />
        </Field>
      </dl>
    </>
  );
}
