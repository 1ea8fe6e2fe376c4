import { type DragEvent, memo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acceptsDrop, dragTile, dropped } from '../../../ui/dnd';
import { useRegistry } from '../../registry/registryStore';
import { ReportButton } from '../../report/ReportButton';
import { looksStale, tileState } from '../live/badge';
import { statusKey, useStreamStatus } from '../live/streamStatus';
import { TilePlayer } from '../live/TilePlayer';
import { TileStatus } from '../live/TileStatus';
import { usePatrolSession } from '../patrol/usePatrolLog';
import { toggleFullscreen } from './fullscreen';
import { streamFor } from './layout';
import { focusTile, placeOnWall } from './placeOnWall';
import { useTileVisible } from './useTileVisible';
import { useWall } from './wallStore';

/**
 * One wall tile: its camera's picture, name, honest stream state and latency. Click selects it
 * (the next chosen camera comes here), double-click shows it alone on the main stream, and
 * cameras or other tiles can be dropped on it.
 */
export const WallTile = memo(function WallTile({ index }: { index: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [dropping, setDropping] = useState(false);
  const cameraId = useWall((s) => s.slots[index] ?? null);
  const layout = useWall((s) => s.layout);
  const focused = useWall((s) => s.focus === index);
  const selected = useWall((s) => s.selected === index);
  const pinned = useWall((s) => s.pinned.has(index));
  const mode = useWall((s) => s.mode);
  const tourName = useWall((s) => (s.rotation !== null && !pinned ? s.rotation : undefined));
  const stream = streamFor(layout, focused);
  const single = layout === 1 || focused;
  const status = useStreamStatus((s) => (cameraId ? s.byKey[statusKey(cameraId, stream)] : undefined));
  const name = useRegistry((s) => {
    const i = cameraId ? s.cameras?.indexOf.get(cameraId) : undefined;
    return i === undefined ? cameraId : s.cameras?.names[i];
  });
  const visible = useTileVisible(ref);
  const active = visible && cameraId !== null;
  usePatrolSession(`tile-${index}`, active && cameraId ? { cameraId, stream, tour: tourName } : null);

  const wall = useWall.getState;
  const stop = (e: { stopPropagation: () => void }) => e.stopPropagation();
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDropping(false);
    const what = dropped(e);
    if (!what) return;
    if ('tile' in what) {
      if (what.tile !== index) wall().swap(what.tile, index);
    } else placeOnWall(what.cameraId, index);
  };
  const frozen = status?.state === 'stalled';
  const state = tileState(status, cameraId, active);
  const classes = ['wall-tile', selected && 'is-selected', pinned && 'is-pinned', dropping && 'is-drop'];
  if (looksStale(status)) classes.push('is-stale');
  if (frozen) classes.push('is-frozen');

  return (
    // biome-ignore lint/a11y/useSemanticElements: a tile holds buttons and video, so it cannot be a <button>
    <div
      ref={ref}
      role="button"
      tabIndex={0}
      className={classes.filter(Boolean).join(' ')}
      data-testid="wall-tile"
      data-index={index}
      data-camera-id={cameraId ?? ''}
      data-state={state}
      data-stream={stream}
      aria-pressed={selected}
      aria-label={name ?? t('wall.emptyTile', { n: index + 1 })}
      draggable={cameraId !== null}
      onDragStart={(e) => cameraId && dragTile(e, index, cameraId)}
      onDragOver={(e) => {
        if (!acceptsDrop(e)) return;
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
      onClick={() => wall().select(index)}
      onDoubleClick={() => cameraId && focusTile(focused ? null : index)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && cameraId) focusTile(focused ? null : index);
      }}
    >
      {cameraId ? (
        <TilePlayer index={index} cameraId={cameraId} stream={stream} mode={mode} active={active} />
      ) : (
        <div className="tile-empty muted">
          <span className="tile-number">{index + 1}</span>
          <span>{selected ? t('wall.emptySelected') : t('wall.empty')}</span>
        </div>
      )}
      <div className="tile-header">
        <span className="tile-name" data-testid="tile-name" title={cameraId ?? ''}>
          {cameraId ? name : index + 1}
        </span>
        {cameraId && <TileStatus index={index} status={status} />}
      </div>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: only stops clicks on the buttons from selecting the tile */}
      <div className="tile-actions" onClick={stop} onDoubleClick={stop} onKeyDown={stop}>
        {single && cameraId && (
          <>
            <button
              type="button"
              className={`btn btn-tile ${mode === 'hls' ? 'is-on' : ''}`}
              data-testid="tile-mode-hls"
              onClick={() => wall().setFocus(wall().focus, 'hls')}
            >
              {t('wall.modeHls')}
            </button>
            <button
              type="button"
              className={`btn btn-tile ${mode === 'flv' ? 'is-on' : ''}`}
              data-testid="tile-mode-flv"
              title={t('wall.modeTitle')}
              onClick={() => wall().setFocus(wall().focus, 'flv')}
            >
              {t('wall.modeFlv')}
            </button>
          </>
        )}
        <button
          type="button"
          className={`btn btn-tile ${pinned ? 'is-on' : ''}`}
          data-testid="tour-pin"
          aria-pressed={pinned}
          title={pinned ? t('wall.unpin') : t('wall.pin')}
          onClick={() => wall().togglePin(index)}
        >
          {t('wall.pinShort')}
        </button>
        <button
          type="button"
          className="btn btn-tile"
          data-testid="tile-fullscreen"
          title={t('wall.tileFullscreen')}
          onClick={() => toggleFullscreen(ref.current)}
        >
          {t('wall.fullscreen')}
        </button>
        {focused && (
          <button
            type="button"
            className="btn btn-tile"
            data-testid="tile-unfocus"
            title={t('wall.back')}
            onClick={() => wall().setFocus(null)}
          >
            {t('wall.backShort')}
          </button>
        )}
        {cameraId && <ReportButton cameraId={cameraId} compact />}
        {cameraId && (
          <button
            type="button"
            className="btn btn-tile"
            data-testid="tile-close"
            title={t('wall.remove')}
            onClick={() => wall().put(index, null)}
          >
            ×
          </button>
        )}
      </div>
    </div>
  );
});
