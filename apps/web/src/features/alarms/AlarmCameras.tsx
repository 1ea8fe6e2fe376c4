import { useTranslation } from 'react-i18next';
import { LocateIcon } from '../../ui/icons';
import { useSelection } from '../map/selectionStore';
import { useCameraName } from '../registry/names';
import { placeOnWall } from '../wall/grid/placeOnWall';

function CameraButton({ id }: { id: string }) {
  const { t } = useTranslation();
  const name = useCameraName(id);
  return (
    <li className="cam-chip" data-camera-id={id}>
      <button
        type="button"
        className="cam-chip-main"
        title={t('ops.alarms.toWall')}
        onClick={() => placeOnWall(id)}
      >
        <span aria-hidden="true">▶</span> {name}
      </button>
      <button
        type="button"
        className="cam-chip-map"
        title={t('ops.alarms.onMap')}
        aria-label={t('ops.alarms.onMap')}
        onClick={() => useSelection.getState().select({ kind: 'camera', id }, true)}
      >
        <LocateIcon />
      </button>
    </li>
  );
}

/** The cameras that see the alarm point: each can go on the wall or be shown on the map. */
export function AlarmCameras({ cameraIds }: { cameraIds: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <div className="alarm-cameras" data-testid="alarm-cameras" data-count={cameraIds.length}>
      <div className="ops-subhead">
        <span>{t('ops.alarms.cameras')}</span>
        {cameraIds.length > 1 && (
          <button
            type="button"
            className="btn btn-ghost btn-sm"
            onClick={() => {
              for (const id of cameraIds) placeOnWall(id);
            }}
          >
            {t('ops.alarms.toWallAll')}
          </button>
        )}
      </div>
      {cameraIds.length === 0 ? (
        <p className="muted small">{t('ops.alarms.noCameras')}</p>
      ) : (
        <ul className="cam-chips">
          {cameraIds.map((id) => (
            <CameraButton key={id} id={id} />
          ))}
        </ul>
      )}
    </div>
  );
}
