import fastifyCookie from '@fastify/cookie';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withRouteAccess } from '../src/auth/access.js';
import { authGuard } from '../src/auth/plugin.js';
import type { AuthService } from '../src/auth/service.js';
import { createAuthzGateway } from './authz-fixtures.js';
import type { TestGateway } from './helpers.js';
import '../src/types.js';

describe('the route guard', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await createAuthzGateway();
  });
  afterAll(() => gw?.close());

  it('refuses the percent-encoded path that created an administrator without a session', async () => {
    const payload = {
      username: 'intruder',
      displayName: 'x',
      role: 'admin',
      password: 'a-long-password-9',
    };
    for (const url of ['/%61pi/users', '/ap%69/users', '/%41pi/users', '/%2561pi/users', '/API/users']) {
      const res = await gw.app.inject({ method: 'POST', url, payload });
      expect([401, 404], `${url} -> ${res.statusCode}`).toContain(res.statusCode);
    }
    const rows = await gw.db.query("SELECT 1 FROM users WHERE username = 'intruder'");
    expect(rows).toHaveLength(0);
    for (const url of ['/%61pi/config', '/ap%69/basemap', '/%61pi/device/refusals', '/%61pi/users']) {
      expect((await gw.app.inject(url)).statusCode, url).toBe(401);
    }
  });

  it('answers unknown paths 404, signed in or not, and serves the web app only at its own paths', async () => {
    const cookie = await gw.login('admin');
    for (const headers of [{}, { cookie }]) {
      for (const [method, url] of [
        ['GET', '/nothing'],
        ['GET', '/api/nothing'],
        ['GET', '/%61pi/nothing'],
        ['POST', '/api/users/x/y'],
        ['GET', '/unit/x'],
        ['GET', '/docs/nothing'],
        ['DELETE', '/'],
      ] as const) {
        const res = await gw.app.inject({ method, url, headers });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      }
    }
    for (const url of ['/', '/unit', '/alarms', '/assets/app.js']) {
      expect((await gw.app.inject(url)).statusCode, url).toBe(200);
    }
  });

  describe('at start-up', () => {
    const auth = { userForToken: async () => null } as unknown as AuthService;
    async function appWith(add: (app: ReturnType<typeof Fastify>) => void | Promise<void>) {
      const app = Fastify({ logger: false });
      await app.register(fastifyCookie);
      await app.register(authGuard, { auth });
      await add(app);
      return app;
    }

    it('refuses a route that declares no access, or more than one', async () => {
      await expect(appWith((app) => app.get('/open', async () => 'x'))).rejects.toThrow(/declares no access/);
      await expect(
        appWith((app) =>
          app.get('/both', { config: { public: true, permission: 'users:manage' } }, async () => 'x'),
        ),
      ).rejects.toThrow(/exactly one/);
      await expect(
        appWith((app) => app.get('/odd', { config: { access: 'other' as 'media' } }, async () => 'x')),
      ).rejects.toThrow(/exactly one/);
    });

    it("refuses a plugin's undeclared routes unless registered with their access", async () => {
      const plugin = async (scope: ReturnType<typeof Fastify>) => {
        scope.get('/third-party', async () => 'x');
      };
      // (Awaiting a Fastify instance loads its plugins, so the refusal comes out of appWith.)
      await expect(
        appWith((app) => {
          app.register(plugin);
        }),
      ).rejects.toThrow(/declares no access/);
      const declared = await appWith((app) => {
        app.register(withRouteAccess({ public: true }, plugin));
        app.get('/own', { config: { permission: 'users:manage' } }, async () => 'x');
      });
      await declared.ready();
      expect(declared.routeTable.map((r) => `${r.method} ${r.url} ${r.access}`).sort()).toEqual([
        'GET /own permission',
        'GET /third-party public',
        'HEAD /own permission',
        'HEAD /third-party public',
      ]);
      // The default stays inside the plugin: the app's own route still needs a session.
      expect((await declared.inject('/own')).statusCode).toBe(401);
      expect((await declared.inject('/third-party')).statusCode).toBe(200);
      await declared.close();
    });
  });
});
