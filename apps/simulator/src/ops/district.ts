import type { AlarmDevice, District, Station } from '@onpatrol/contracts';
import { pointInPolygon } from '@onpatrol/district';
import type { LatLon } from './geo.js';
import { StreetGraph } from './streets.js';

/** A street patrol unit as the gateway seeds it: two cars and one foot patrol per station. */
export interface UnitSpec {
  id: string;
  kind: 'car' | 'foot';
  station: Station;
  /** Where the gateway seeds it: by the station building. */
  start: LatLon;
}

/** What the device simulators need of the registry. */
export interface OpsDistrict {
  alarmDevices: AlarmDevice[];
  alarmDevice(id: string): AlarmDevice | undefined;
  units: UnitSpec[];
  streets: StreetGraph;
  /** Street nodes inside each station's jurisdiction, by station ID (patrol destinations). */
  patrolNodes(stationId: string): number[];
}

/** Same IDs, kinds and start points as the gateway's `seedUnits`. */
export function unitSpecs(stations: Station[]): UnitSpec[] {
  return stations.flatMap((s) =>
    [1, 2, 3].map(
      (n): UnitSpec => ({
        id: `YH${String(s.no).padStart(2, '0')}-${n}`,
        kind: n === 3 ? 'foot' : 'car',
        station: s,
        start: { lat: s.lat + (n - 2) * 0.0012, lon: s.lon + (n - 2) * 0.0015 },
      }),
    ),
  );
}

/** The registry view of a generated district, with its street graph. */
export function opsDistrict(d: District): OpsDistrict {
  const byId = new Map(d.alarmDevices.map((a) => [a.id, a]));
  const streets = StreetGraph.fromPaths(
    d.basemap.streets.map((s) => s.path.map(([lon, lat]) => ({ lat, lon }))),
  );
  const patrol = new Map<string, number[]>();
  for (const s of d.stations) {
    let nodes = streets.nodesWhere((p) => pointInPolygon(p.lon, p.lat, s.polygon));
    // A jurisdiction without streets of its own still has a beat: the streets nearest its building.
    if (nodes.length < 2) {
      nodes = streets.nodes
        .map((p, i) => ({ i, d: Math.hypot(p.lat - s.lat, p.lon - s.lon) }))
        .sort((a, b) => a.d - b.d)
        .slice(0, 10)
        .map((x) => x.i);
    }
    patrol.set(s.id, nodes);
  }
  return {
    alarmDevices: d.alarmDevices,
    alarmDevice: (id) => byId.get(id),
    units: unitSpecs(d.stations),
    streets,
    patrolNodes: (stationId) => patrol.get(stationId) ?? [],
  };
}
