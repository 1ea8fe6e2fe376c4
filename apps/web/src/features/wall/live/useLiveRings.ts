import L from 'leaflet';
import { useEffect } from 'react';
import { useRegistry } from '../../registry/registryStore';
import { type RingKind, ringKinds } from './rings';
import { useStreamStatus } from './streamStatus';

const PANE = 'onpatrol-live-rings';
const STYLE: Record<RingKind, { color: string; dashArray?: string }> = {
  live: { color: '#22c55e' },
  connecting: { color: '#38bdf8', dashArray: '3 3' },
  stalled: { color: '#f59e0b' },
  frozen: { color: '#ef4444' },
  offline: { color: '#94a3b8', dashArray: '2 4' },
};

/**
 * Rings around the cameras whose streams are being pulled (on anyone's wall), coloured by the
 * stream's honest state. A few dozen SVG circles in their own pane above the point canvas, so the
 * canvas layer needs no change; the map container's data-live-rings says how many are drawn.
 */
export function useLiveRings(map: L.Map | null): void {
  useEffect(() => {
    if (!map) return;
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    pane.style.zIndex = '460';
    pane.style.pointerEvents = 'none';
    const renderer = L.svg({ pane: PANE });
    const group = L.layerGroup().addTo(map);
    const draw = () => {
      group.clearLayers();
      const cams = useRegistry.getState().cameras;
      let n = 0;
      for (const [id, kind] of ringKinds(useStreamStatus.getState().byKey)) {
        const i = cams?.indexOf.get(id);
        if (!cams || i === undefined) continue;
        L.circleMarker([cams.lat[i]!, cams.lon[i]!], {
          renderer,
          radius: 10,
          weight: 3,
          fill: false,
          interactive: false,
          className: `live-ring ring-${kind}`,
          ...STYLE[kind],
        }).addTo(group);
        n++;
      }
      map.getContainer().dataset.liveRings = String(n);
    };
    draw();
    const offStatus = useStreamStatus.subscribe((s, prev) => s.byKey !== prev.byKey && draw());
    const offRegistry = useRegistry.subscribe((s, prev) => s.cameras !== prev.cameras && draw());
    return () => {
      offStatus();
      offRegistry();
      group.remove();
    };
  }, [map]);
}
