import type { CameraStreamStatus } from '@onpatrol/contracts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { badgeOf, reasonKey } from './badge';
import { probeOf } from './probes';

/** Re-render once a second: the badge counts how long a stream has been stalled. */
function useNow(ms: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms]);
  return now;
}

/** The stream's honest state and the picture's latency, in the tile header. */
export function TileStatus({ index, status }: { index: number; status: CameraStreamStatus | undefined }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const badge = badgeOf(status, now);
  const rk = reasonKey(badge.reason);
  const reason = rk ? t(`wall.reason.${rk}`) : badge.reason || t('wall.reason.unknown');
  const probe = probeOf(index);
  const latency = probe?.latencySec() ?? null;
  return (
    <>
      <span className={`tile-badge tone-${badge.tone}`} data-testid="tile-status" data-key={badge.key}>
        {t(`wall.state.${badge.key}`, { age: badge.age, reason })}
      </span>
      {latency !== null && (
        <span className="tile-latency" data-testid="tile-latency" data-seconds={latency.toFixed(2)}>
          {t(probe?.player === 'flv' ? 'wall.buffer' : 'wall.latency', { s: latency.toFixed(1) })}
        </span>
      )}
    </>
  );
}
