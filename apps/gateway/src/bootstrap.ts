import type { Role } from '@onpatrol/contracts';
import { generateDistrict } from '@onpatrol/district';
import type { AuthService } from './auth/service.js';
import type { GatewayConfig } from './config.js';
import type { Database } from './db/database.js';
import { migrate } from './db/migrations.js';
import { seedUnits } from './ops/units.js';
import { seedDistrict } from './registry/seed.js';

/** A demo account as printed at first start. */
export interface DemoAccount {
  username: string;
  role: Role;
  stationNo: number | null;
}

/** The demo accounts: command centre staff plus a chief and a community officer per station. */
export function demoAccounts(stationCount: number): DemoAccount[] {
  const list: DemoAccount[] = [
    { username: 'admin', role: 'admin', stationNo: null },
    { username: 'leader', role: 'shift_leader', stationNo: null },
    { username: 'duty', role: 'duty_officer', stationNo: null },
    { username: 'unit', role: 'street_unit', stationNo: null },
  ];
  for (let n = 1; n <= stationCount; n++)
    list.push({ username: `chief${n}`, role: 'station_chief', stationNo: n });
  for (let n = 1; n <= stationCount; n++)
    list.push({ username: `community${n}`, role: 'community_officer', stationNo: n });
  return list;
}

const DISPLAY: Record<Role, string> = {
  admin: '系统管理员',
  shift_leader: '指挥中心值班长',
  duty_officer: '监控值班民警',
  station_chief: '派出所所长',
  community_officer: '社区民警',
  street_unit: '巡逻警力',
};

/**
 * Bring the database to a usable state: migrations, the reference district on first start,
 * and the demo accounts when a demo password is configured and no user exists yet.
 */
export async function prepareDatabase(
  db: Database,
  auth: AuthService,
  config: Pick<GatewayConfig, 'demoPassword' | 'rtspHost' | 'rtspPort'>,
): Promise<{ seeded: boolean; demo: DemoAccount[] | null }> {
  await migrate(db);
  const seeded = await seedDistrict(db, () =>
    generateDistrict({ rtspHost: config.rtspHost, rtspPort: config.rtspPort }),
  );
  await seedUnits(db);
  if (!config.demoPassword || (await auth.countUsers()) > 0) return { seeded, demo: null };
  const stations = await db.query<{ id: string; no: number }>('SELECT id, no FROM stations ORDER BY no');
  const byNo = new Map(stations.map((s) => [s.no, s.id]));
  const accounts = demoAccounts(stations.length);
  for (const a of accounts) {
    await auth.upsertUser({
      username: a.username,
      displayName: a.stationNo ? `${DISPLAY[a.role]}（${a.stationNo}所）` : DISPLAY[a.role],
      role: a.role,
      stationId: a.stationNo ? (byNo.get(a.stationNo) ?? null) : null,
      password: config.demoPassword,
    });
  }
  // The demo street unit reports for the first car of station 1.
  await db.query(`UPDATE users SET unit_id = 'YH01-1' WHERE username = 'unit'`);
  return { seeded, demo: accounts };
}
