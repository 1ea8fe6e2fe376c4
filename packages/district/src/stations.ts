import { GB_TYPE, type LonLat, makeGbId, type Station, YUNHE_AREA_CODE } from '@onpatrol/contracts';
import { pointInPolygon, type XY } from './geometry.js';
import { type Layout, streetAddress } from './layout.js';
import { STATION_NAMES } from './names.js';
import type { Rng } from './random.js';

/** Two-digit unit code of a station number: every GB/T 28181 code of a station's devices carries it. */
export function unitCode(no: number): string {
  return String(no).padStart(2, '0');
}

/** Stations and a point locator over their jurisdictions. */
export interface StationIndex {
  stations: Station[];
  /** Rounded [lon, lat] of p and the index of the station whose jurisdiction holds it (-1: none). */
  locate(p: XY): { ll: LonLat; index: number };
  /** True when a rounded [lon, lat] lies in station `index`'s jurisdiction. */
  holds(index: number, ll: LonLat): boolean;
}

// Organisation codes: unit = station number, industry 00, type 216 (organisation), serial = number.
function stationId(no: number): string {
  return makeGbId({
    area: YUNHE_AREA_CODE,
    unit: unitCode(no),
    industry: '00',
    type: GB_TYPE.organisation,
    network: '0',
    serial: no,
  });
}

// The station building's address: on the nearest grid street in town, on the township's government street outside.
function address(layout: Layout, p: XY, rural: boolean, short: string, rng: Rng): string {
  if (rural) {
    const town = short === '小王庄' ? '小王庄镇' : `${short}乡`;
    return `沧州市运河区${town}政府街${rng.int(1, 60)}号`;
  }
  return streetAddress(layout, p);
}

/** Builds the 8 stations (number = index + 1) from the layout's seeds and Voronoi cells. */
export function buildStations(layout: Layout, rng: Rng): StationIndex {
  const polys = layout.cells.map((cell) => cell.map((p) => layout.frame.toLonLat(p)));
  const stations = STATION_NAMES.map(({ short, en }, i): Station => {
    const seed = layout.seeds[i]!;
    const [lon, lat] = layout.frame.toLonLat(seed);
    return {
      id: stationId(i + 1),
      no: i + 1,
      name: `${short}派出所`,
      nameEn: `${en} Station`,
      address: address(layout, seed, i >= 6, short, rng),
      phone: `0317-${rng.int(2, 3)}${String(rng.int(0, 999999)).padStart(6, '0')}`,
      lat,
      lon,
      polygon: polys[i]!,
    };
  });
  const holds = (index: number, ll: LonLat) => pointInPolygon(ll[0], ll[1], polys[index]!);
  return {
    stations,
    holds,
    locate(p) {
      const ll = layout.frame.toLonLat(p);
      return { ll, index: polys.findIndex((_, i) => holds(i, ll)) };
    },
  };
}
