import { SITE_KINDS, type SiteKind } from '@onpatrol/contracts';
import { useMemo } from 'react';
import { useLayers } from '../map/layersStore';
import { countByStatus, siteKindMask } from '../registry/points';
import { useRegistry } from '../registry/registryStore';

export interface LayerCounts {
  /** Per DEVICE_STATUSES index, points passing the site-kind filter. */
  cameraByStatus: number[];
  alarmByStatus: number[];
  cameras: number;
  alarms: number;
  sitesByKind: Record<SiteKind, number>;
}

const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);

/** Counts for the legend and layer panel; recomputed when data, filters or statuses change. */
export function useCounts(): LayerCounts {
  const cameras = useRegistry((s) => s.cameras);
  const alarms = useRegistry((s) => s.alarms);
  const sites = useRegistry((s) => s.sites);
  const statusVersion = useRegistry((s) => s.statusVersion);
  const visible = useLayers((s) => s.visible);
  const mask = siteKindMask(visible);

  const sitesByKind = useMemo(() => {
    const out = Object.fromEntries(SITE_KINDS.map((k) => [k, 0])) as Record<SiteKind, number>;
    for (const s of sites) out[s.kind] += 1;
    return out;
  }, [sites]);

  return useMemo(() => {
    const cameraByStatus = cameras ? countByStatus(cameras, mask) : [0, 0, 0, 0];
    const alarmByStatus = alarms ? countByStatus(alarms, mask) : [0, 0, 0, 0];
    return {
      cameraByStatus,
      alarmByStatus,
      cameras: sum(cameraByStatus),
      alarms: sum(alarmByStatus),
      sitesByKind,
    };
  }, [cameras, alarms, mask, statusVersion, sitesByKind]);
}
