/**
 * Devices: 439 camera sets, 5,999 cameras and 1,186 infrared alarms (the customer's totals).
 *
 * Allocation (our split of those totals):
 * - Sets: one per key site (25), compound (167) and village (80) = 272; the other 167 sets each
 *   serve a run of neighbouring shops on one side of one street, within one jurisdiction (the
 *   set's siteId is the run's first shop; its cameras keep their own shop's siteId).
 * - Cameras: key sites 30-50, compounds 10-25, villages 8-16 (township villages 11-16, urban-fringe
 *   ones 8-12), shops 1-2 (a door camera, plus a counter dome for about one shop in four); then counts move by one, within those ranges, over a
 *   seeded order of sites (non-shops first) until the total is exactly 5,999.
 * - Alarms: one per shop (981), three per key site (75), the remaining 130 at compounds (one each,
 *   at compounds picked by the seed).
 * - IDs: 130903 + station number (2 digits) + industry by site kind (key site 02, compound 01,
 *   village 03, shop 00) + type (118 set, 132 camera, 134 alarm) + network 0 + a serial counted
 *   per type across the district, in set order.
 * - Status: about 1 % of sets are offline (all their cameras too); each other camera is offline,
 *   faulty or in maintenance with about 2 % odds, each alarm with about 3 %.
 */
import {
  type AlarmDevice,
  type Camera,
  type CameraSet,
  type DeviceStatus,
  GB_INDUSTRY,
  GB_TYPE,
  type LonLat,
  makeGbId,
  type SiteKind,
  YUNHE_AREA_CODE,
} from '@onpatrol/contracts';
import { move, type XY } from './geometry.js';
import { mountsFor } from './mounts.js';
import { MAINTENANCE_COMPANIES, mobile, PROPERTY_COMPANIES, personName, VENDORS } from './names.js';
import type { Rng } from './random.js';
import { shopRuns } from './shops.js';
import type { Ctx, SitePlan } from './sites.js';
import { unitCode } from './stations.js';

const INDUSTRY: Record<SiteKind, string> = {
  key_site: GB_INDUSTRY.internal,
  compound: GB_INDUSTRY.community,
  village: GB_INDUSTRY.other,
  shop: GB_INDUSTRY.road,
};
const CAMERA_RANGE: Record<SiteKind, readonly [number, number]> = {
  key_site: [30, 50],
  compound: [10, 25],
  village: [8, 16],
  shop: [1, 2],
};
const KEY_ZONES = ['财务室', '机房', '库房', '档案室', '监控室', '配电室'];
const COMPOUND_ZONES = ['物业办公室', '配电室', '监控室', '门卫室', '地下车库'];
const SHOP_ZONES = ['前门', '后窗', '仓库', '卷帘门', '收银台'];

/** What the device generator needs besides the sites. */
export interface DeviceOptions {
  host: string;
  port: number;
  cameras: number;
  alarms: number;
  shopSets: number;
}

/** The registry's devices. */
export interface Devices {
  cameraSets: CameraSet[];
  cameras: Camera[];
  alarmDevices: AlarmDevice[];
}

/** Stream URLs of a camera: rtsp://host:port/<cameraId>/main and .../sub. */
export function rtspUrls(host: string, port: number, cameraId: string): { mainUrl: string; subUrl: string } {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const base = `rtsp://${h}:${port}/${cameraId}`;
  return { mainUrl: `${base}/main`, subUrl: `${base}/sub` };
}

function gbId(kind: SiteKind, station: number, type: string, serial: number): string {
  const unit = unitCode(station + 1);
  return makeGbId({ area: YUNHE_AREA_CODE, unit, industry: INDUSTRY[kind], type, network: '0', serial });
}

/** Camera counts per site, each within its kind's range, summing exactly to `total`. */
export function cameraCounts(plans: SitePlan[], total: number, rng: Rng): number[] {
  const counts = plans.map((p) => {
    if (p.site.kind === 'shop') return rng.chance(0.25) ? 2 : 1;
    // Township villages (stations 7 and 8) are the big ones; fringe villages of urban stations are small.
    if (p.site.kind === 'village') return p.station >= 6 ? rng.int(11, 16) : rng.int(8, 12);
    return rng.int(...CAMERA_RANGE[p.site.kind]);
  });
  const idx = plans.map((_, i) => i);
  const order = [
    ...rng.shuffle(idx.filter((i) => plans[i]!.site.kind !== 'shop')),
    ...rng.shuffle(idx.filter((i) => plans[i]!.site.kind === 'shop')),
  ];
  let diff = total - counts.reduce((s, n) => s + n, 0);
  while (diff !== 0) {
    let moved = false;
    for (const i of order) {
      if (diff === 0) break;
      const [lo, hi] = CAMERA_RANGE[plans[i]!.site.kind];
      const next = counts[i]! + Math.sign(diff);
      if (next < lo || next > hi) continue;
      counts[i] = next;
      diff -= Math.sign(diff);
      moved = true;
    }
    if (!moved) throw new Error(`cannot reach ${total} cameras within the per-site ranges`);
  }
  return counts;
}

// A device position inside its station: pulled toward the site until the jurisdiction holds it.
function settle(ctx: Ctx, xy: XY, plan: SitePlan): LonLat {
  for (const f of [1, 0.75, 0.5, 0.25, 0.1, 0]) {
    const p: XY = [plan.xy[0] + (xy[0] - plan.xy[0]) * f, plan.xy[1] + (xy[1] - plan.xy[1]) * f];
    const ll = ctx.layout.frame.toLonLat(p);
    if (ctx.index.holds(plan.station, ll)) return ll;
  }
  throw new Error(`site ${plan.site.id} lies outside its station`);
}

function status(rng: Rng, odds: number): DeviceStatus {
  const r = rng.next();
  if (r >= odds) return 'online';
  return r < odds * 0.55 ? 'offline' : r < odds * 0.85 ? 'fault' : 'maintenance';
}

// Owners and maintainers: the institution's security office, the property company, the village
// committee or the merchants own a set; an integrator or the station's community officer keeps it.
function contacts(ctx: Ctx, group: SitePlan[], rng: Rng, officers: { name: string; phone: string }[][]) {
  const head = group[0]!;
  const name = head.site.name;
  const officer = rng.pick(officers[head.station]!);
  const company = rng.pick(MAINTENANCE_COMPANIES);
  const byCompany = head.site.kind === 'key_site' || (head.site.kind === 'compound' && rng.chance(0.6));
  const owner = {
    key_site: `${name}保卫处`,
    compound: rng.pick(PROPERTY_COMPANIES),
    village: `${name}村委会`,
    shop: group.length > 1 ? `${name}等${group.length}户商户` : name,
  }[head.site.kind];
  return {
    owner,
    ownerPhone: mobile(rng),
    maintainer: byCompany ? company : `社区民警${officer.name}`,
    maintainerPhone: byCompany
      ? `0317-${3000000 + (MAINTENANCE_COMPANIES.indexOf(company) + 1) * 11111}`
      : officer.phone,
    stationId: ctx.index.stations[head.station]!.id,
  };
}

function setName(group: SitePlan[]): string {
  const head = group[0]!;
  if (head.site.kind !== 'shop') return `${head.site.name}监控系统`;
  const { street, sideLabel } = head.shop!;
  return group.length > 1
    ? `${street}${sideLabel}门店监控(${head.site.name}等${group.length}户)`
    : `${head.site.name}门店监控`;
}

/** Camera sets and their cameras, in set order: key sites, compounds, villages, shop runs. */
function buildCameras(ctx: Ctx, plans: SitePlan[], opt: DeviceOptions): Omit<Devices, 'alarmDevices'> {
  const rng = ctx.rng;
  const counts = cameraCounts(plans, opt.cameras, rng.fork('counts'));
  const countOf = new Map(plans.map((p, i) => [p, counts[i]!]));
  const groups = [
    ...plans.filter((p) => p.site.kind !== 'shop').map((p) => [p]),
    ...shopRuns(
      plans.filter((p) => p.site.kind === 'shop'),
      opt.shopSets,
    ),
  ];
  const people = rng.fork('people');
  const officers = ctx.index.stations.map(() =>
    Array.from({ length: 6 }, () => ({ name: personName(people), phone: mobile(people) })),
  );
  const [setRng, mountRng, statusRng] = [rng.fork('sets'), rng.fork('mounts'), rng.fork('status')];
  const cameraSets: CameraSet[] = [];
  const cameras: Camera[] = [];
  groups.forEach((group, gi) => {
    const head = group[0]!;
    const id = gbId(head.site.kind, head.station, GB_TYPE.nvr, gi + 1);
    const setStatus: DeviceStatus = statusRng.chance(0.01) ? 'offline' : 'online';
    const who = contacts(ctx, group, setRng, officers);
    let channel = 0;
    for (const plan of group) {
      for (const m of mountsFor(plan, countOf.get(plan)!, mountRng)) {
        channel++;
        const camId = gbId(plan.site.kind, plan.station, GB_TYPE.ipc, cameras.length + 1);
        const [lon, lat] = settle(ctx, m.xy, plan);
        cameras.push({
          id: camId,
          name: `${plan.site.name}${m.label}${String(channel).padStart(2, '0')}`,
          setId: id,
          siteId: plan.site.id,
          stationId: who.stationId,
          channel,
          kind: m.kind,
          lat,
          lon,
          bearing: m.bearing,
          fov: m.fov,
          range: m.range,
          ...rtspUrls(opt.host, opt.port, camId),
          status: setStatus === 'offline' ? 'offline' : status(statusRng, 0.02),
        });
      }
    }
    cameraSets.push({
      id,
      name: setName(group),
      siteId: head.site.id,
      stationId: who.stationId,
      vendor: setRng.weighted(VENDORS),
      host: opt.host,
      rtspPort: opt.port,
      owner: who.owner,
      ownerPhone: who.ownerPhone,
      maintainer: who.maintainer,
      maintainerPhone: who.maintainerPhone,
      cameraCount: channel,
      status: setStatus,
    });
  });
  return { cameraSets, cameras };
}

/** Alarms in site order: three per key site, the spare ones at seeded compounds, one per shop. */
function buildAlarms(ctx: Ctx, plans: SitePlan[], total: number): AlarmDevice[] {
  const rng = ctx.rng.fork('alarms');
  const keys = plans.filter((p) => p.site.kind === 'key_site');
  const compounds = plans.filter((p) => p.site.kind === 'compound');
  const shops = plans.filter((p) => p.site.kind === 'shop');
  const spare = total - shops.length - 3 * keys.length;
  if (spare < 0 || spare > compounds.length * COMPOUND_ZONES.length)
    throw new Error('alarm total does not fit');
  const rank = new Map(rng.shuffle(compounds).map((p, i) => [p, i]));
  const perCompound = (p: SitePlan) =>
    Math.floor(spare / compounds.length) + (rank.get(p)! < spare % compounds.length ? 1 : 0);
  const out: AlarmDevice[] = [];
  for (const plan of plans) {
    const kind = plan.site.kind;
    const n = kind === 'key_site' ? 3 : kind === 'compound' ? perCompound(plan) : kind === 'shop' ? 1 : 0;
    const zones = rng.shuffle(
      kind === 'key_site' ? KEY_ZONES : kind === 'compound' ? COMPOUND_ZONES : SHOP_ZONES,
    );
    for (const zone of zones.slice(0, n)) {
      const xy = plan.shop
        ? move(plan.xy, plan.shop.face + 180, zone === '后窗' || zone === '仓库' ? 8 : 2)
        : move(plan.xy, rng.float(0, 360), rng.float(0, 0.6) * Math.min(...plan.block!.half));
      const [lon, lat] = settle(ctx, xy, plan);
      out.push({
        id: gbId(kind, plan.station, GB_TYPE.alarmInput, out.length + 1),
        name: `${plan.site.name}${zone}红外报警器`,
        siteId: plan.site.id,
        stationId: plan.site.stationId,
        lat,
        lon,
        zone,
        status: status(rng, 0.03),
      });
    }
  }
  return out;
}

/** All devices of the registry for placed sites (site ids must be set). */
export function buildDevices(ctx: Ctx, plans: SitePlan[], opt: DeviceOptions): Devices {
  return { ...buildCameras(ctx, plans, opt), alarmDevices: buildAlarms(ctx, plans, opt.alarms) };
}
