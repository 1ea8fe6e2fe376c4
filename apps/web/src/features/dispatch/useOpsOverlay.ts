import '../map/overlay.css';
import L from 'leaflet';
import { useEffect } from 'react';
import { headOfQueue, openAlarms } from '../alarms/alarmQueue';
import { useAlarmSelection } from '../alarms/alarmSelection';
import { useMapFocus } from '../map/focusStore';
import { incidentClosed } from '../ops-feed/opsState';
import { useOps } from '../ops-feed/opsStore';
import { useIncidentSelection } from './incidentSelection';

const PANE = 'onpatrol-ops';
/**
 * Open alarms drawn as pulsing DOM rings: the first of the queue (and the selected one). Beyond
 * them, as in an alarm storm (1,186 at once), the rest are plain dots on one canvas: a thousand
 * animated DOM markers kept the page's main thread busy for seconds.
 */
export const MAX_ALARM_RINGS = 50;

interface Mark {
  lat: number;
  lon: number;
  className: string;
  html: string;
  size: number;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain alarm dot on the canvas: red while new, amber once acknowledged (as the rings). */
interface Dot {
  lat: number;
  lon: number;
  color: string;
}

/** What the overlay shows: open alarms (pulsing while new), active incidents and every unit. */
function marks(): { dom: Map<string, Mark>; dots: Map<string, Dot> } {
  const { alarms, incidents, units } = useOps.getState();
  const alarmSel = useAlarmSelection.getState().selected;
  const incidentSel = useIncidentSelection.getState().selected;
  const out = new Map<string, Mark>();
  const dots = new Map<string, Dot>();
  const { head, rest } = headOfQueue(openAlarms(alarms), MAX_ALARM_RINGS, alarmSel);
  for (const a of rest)
    dots.set(`a${a.id}`, { lat: a.lat, lon: a.lon, color: a.status === 'new' ? '#ef4444' : '#f59e0b' });
  for (const a of head) {
    const cls = ['ops-mk', 'ops-alarm', `is-${a.status}`, `prio-${a.priority}`];
    if (a.overdue && a.status === 'new') cls.push('is-overdue');
    if (a.id === alarmSel) cls.push('is-selected');
    out.set(`a${a.id}`, {
      lat: a.lat,
      lon: a.lon,
      className: cls.join(' '),
      html: '<span class="mk-ring"></span><span class="mk-dot"></span>',
      size: 44,
    });
  }
  for (const i of Object.values(incidents)) {
    if (incidentClosed(i)) continue;
    const sel = i.id === incidentSel ? ' is-selected' : '';
    out.set(`i${i.id}`, {
      lat: i.lat,
      lon: i.lon,
      className: `ops-mk ops-incident is-${i.status}${sel}`,
      html: `<span class="mk-diamond"></span><span class="mk-label">#${i.id}</span>`,
      size: 22,
    });
  }
  for (const u of Object.values(units)) {
    out.set(`u${u.id}`, {
      lat: u.lat,
      lon: u.lon,
      className: `ops-mk ops-unit unit-${u.status} kind-${u.kind}`,
      html: `<span class="mk-unit"></span><span class="mk-label">${escapeHtml(u.id)}</span>`,
      size: 16,
    });
  }
  return { dom: out, dots };
}

/**
 * The operational overlay on the command map: alarm rings, incident diamonds and unit markers as a
 * few dozen DOM markers in their own non-interactive pane above the point canvas (which needs no
 * change), alarms beyond MAX_ALARM_RINGS as dots on a canvas in the same pane, all updated in place
 * per animation frame. Also flies the map to places asked for from the lists (useMapFocus). The
 * map container's data-ops-alarms / data-ops-units say what is drawn.
 */
export function useOpsOverlay(map: L.Map | null): void {
  useEffect(() => {
    if (!map) return;
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    pane.style.zIndex = '480';
    pane.style.pointerEvents = 'none';
    // Unit call signs overlap at district zoom (three units start at each station): label when close.
    const labels = () => pane.classList.toggle('ops-labels', map.getZoom() >= 15);
    labels();
    map.on('zoomend', labels);
    const group = L.layerGroup().addTo(map);
    const shown = new Map<string, { marker: L.Marker; sig: string }>();
    const canvas = L.canvas({ pane: PANE });
    const dotsShown = new Map<string, L.CircleMarker>();
    let frame = 0;

    const draw = () => {
      frame = 0;
      const { dom: want, dots } = marks();
      for (const [key, m] of shown) {
        if (want.has(key)) continue;
        m.marker.remove();
        shown.delete(key);
      }
      for (const [key, dot] of dotsShown) {
        if (dots.has(key)) continue;
        dot.remove();
        dotsShown.delete(key);
      }
      let alarms = dots.size;
      let units = 0;
      for (const [key, m] of want) {
        if (key.startsWith('a')) alarms++;
        else if (key.startsWith('u')) units++;
        const sig = `${m.className}|${m.html}`;
        const icon = () => L.divIcon({ className: m.className, html: m.html, iconSize: [m.size, m.size] });
        const cur = shown.get(key);
        if (!cur) {
          const marker = L.marker([m.lat, m.lon], {
            icon: icon(),
            pane: PANE,
            interactive: false,
            keyboard: false,
          });
          marker.addTo(group);
          shown.set(key, { marker, sig });
          continue;
        }
        const at = cur.marker.getLatLng();
        if (at.lat !== m.lat || at.lng !== m.lon) cur.marker.setLatLng([m.lat, m.lon]);
        if (cur.sig !== sig) {
          cur.marker.setIcon(icon());
          cur.sig = sig;
        }
      }
      for (const [key, d] of dots) {
        const cur = dotsShown.get(key);
        if (!cur) {
          const style = { radius: 5, weight: 2, color: '#fff', fillColor: d.color, fillOpacity: 1 };
          dotsShown.set(
            key,
            L.circleMarker([d.lat, d.lon], { ...style, renderer: canvas, interactive: false }).addTo(group),
          );
        } else if (cur.options.fillColor !== d.color) cur.setStyle({ fillColor: d.color });
      }
      const el = map.getContainer();
      el.dataset.opsAlarms = String(alarms);
      el.dataset.opsUnits = String(units);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    draw();
    const offOps = useOps.subscribe((s, p) => {
      if (s.alarms !== p.alarms || s.incidents !== p.incidents || s.units !== p.units) schedule();
    });
    const offAlarmSel = useAlarmSelection.subscribe(schedule);
    const offIncidentSel = useIncidentSelection.subscribe(schedule);
    const offFocus = useMapFocus.subscribe((s, p) => {
      const f = s.focus;
      if (!f || f === p.focus) return;
      // A hidden map (wall view) has no size to animate in: jump, so it is right when shown.
      if (map.getSize().x === 0) map.setView([f.lat, f.lon], f.zoom, { animate: false });
      else map.flyTo([f.lat, f.lon], Math.max(map.getZoom(), f.zoom), { duration: 0.8 });
    });
    return () => {
      cancelAnimationFrame(frame);
      offOps();
      offAlarmSel();
      offIncidentSel();
      offFocus();
      map.off('zoomend', labels);
      group.remove();
      canvas.remove();
    };
  }, [map]);
}
