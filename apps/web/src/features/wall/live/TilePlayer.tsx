import type { StreamKind } from '@onpatrol/contracts';
import { useTranslation } from 'react-i18next';
import { FlvPlayer } from './FlvPlayer';
import { HlsPlayer } from './HlsPlayer';
import type { PlayerMode } from './playerProps';
import { tileErrorMessage } from './tileError';
import { useLiveSource } from './useLiveSource';
import { useStallWatchdog } from './useStallWatchdog';

interface Props {
  index: number;
  cameraId: string;
  stream: StreamKind;
  mode: PlayerMode;
  active: boolean;
}

/** The tile's player for its camera stream, and why there is no picture when there is none. */
export function TilePlayer({ index, cameraId, stream, mode, active }: Props) {
  const { t } = useTranslation();
  const live = useLiveSource(cameraId, stream, active);
  useStallWatchdog(index, cameraId, stream, active, live.reload);
  const Player = mode === 'flv' && stream === 'main' ? FlvPlayer : HlsPlayer;
  return (
    <>
      {live.source && (
        <Player
          key={live.source.key}
          index={index}
          source={live.source}
          active={active}
          resign={live.resign}
          onRenew={live.renew}
          onFatal={live.reload}
          onPlaying={live.playing}
        />
      )}
      {live.error !== null && (
        <div className="tile-error" role="status" data-testid="tile-error">
          {tileErrorMessage(t, live.error)}
        </div>
      )}
    </>
  );
}
