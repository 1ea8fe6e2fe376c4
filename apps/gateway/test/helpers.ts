import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { AuthService } from '../src/auth/service.js';
import { prepareDatabase } from '../src/bootstrap.js';
import { type GatewayConfig, loadConfig } from '../src/config.js';
import { type Database, openPglite, openPostgres } from '../src/db/database.js';

export const TEST_PASSWORD = 'test-password-1';
/** Environment of a test gateway: demo accounts, no web app, no always-on streams. */
export const TEST_ENV = {
  DEMO_PASSWORD: TEST_PASSWORD,
  WEB_DIST: '/nonexistent',
  MEDIA_PREWARM_KEY_SITES: 'false',
};
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export type DbKind = 'pglite' | 'postgres';

export interface TestGateway {
  app: FastifyInstance;
  db: Database;
  config: GatewayConfig;
  /** Set when the gateway runs on the real PostgreSQL server. */
  databaseUrl?: string;
  /** Sign in as a demo account and return its cookie header. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

/** A throwaway PostgreSQL database on the real server, dropped by the returned function. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `onpatrol_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A gateway on a fresh seeded database (PGlite in memory or a new PostgreSQL database). */
export async function createTestGateway(
  kind: DbKind,
  env: Record<string, string> = {},
  /** beforeReady: add test-only hooks (e.g. observers of the matched route) before the start. */
  opts: { beforeReady?: (app: FastifyInstance) => void } = {},
): Promise<TestGateway> {
  let drop = async () => {};
  let db: Database;
  let databaseUrl: string | undefined;
  if (kind === 'postgres') {
    const created = await createPgDatabase();
    drop = created.drop;
    databaseUrl = created.url;
    db = await openPostgres(created.url);
  } else {
    db = await openPglite(null);
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), 'onpatrol-gw-'));
  const config = loadConfig({ ...TEST_ENV, DATA_DIR: dataDir, ...env });
  await prepareDatabase(db, new AuthService(db, config.sessionHours), config);
  const app = await buildApp({ config, db, logger: false });
  opts.beforeReady?.(app);
  await app.ready();
  const cookies = new Map<string, string>();
  return {
    app,
    db,
    config,
    databaseUrl,
    async login(username) {
      const cached = cookies.get(username);
      if (cached) return cached;
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: TEST_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = sessionCookie(res);
      cookies.set(username, cookie);
      return cookie;
    },
    async close() {
      await app.close();
      await db.close();
      await drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The `op_session=…` pair from a login response. */
export function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'op_session');
  if (!c) throw new Error('no session cookie');
  return `op_session=${c.value}`;
}

/** GET as a signed-in user. */
export async function getAs(gw: TestGateway, user: string, url: string) {
  return gw.app.inject({ method: 'GET', url, headers: { cookie: await gw.login(user) } });
}
