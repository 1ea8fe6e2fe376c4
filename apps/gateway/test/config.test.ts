import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DEMO_PASSWORD, DEMO_DEVICE_SECRET, loadConfig } from '../src/config.js';

describe('gateway configuration', () => {
  it('defaults to 127.0.0.1:8080, ./data and the embedded database with demo accounts', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      databaseUrl: null,
      demoPassword: DEFAULT_DEMO_PASSWORD,
    });
    expect(c.dataDir.endsWith('/data')).toBe(true);
  });

  it('creates no demo accounts on a real database unless DEMO_PASSWORD is given', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db' }).demoPassword).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db', DEMO_PASSWORD: 'longenough' }).demoPassword).toBe(
      'longenough',
    );
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ TILE_URL: 'http://tiles/no-placeholders.png' })).toThrow(/TILE_URL/);
    expect(() => loadConfig({ DEMO_PASSWORD: 'short' })).toThrow(/DEMO_PASSWORD/);
    expect(() => loadConfig({ COOKIE_SECURE: 'maybe' })).toThrow(/COOKIE_SECURE/);
  });

  it('uses the published demo device secret only in the embedded demo', () => {
    expect(loadConfig({}).deviceKeySecret).toBe(DEMO_DEVICE_SECRET);
    expect(loadConfig({ DEMO_PASSWORD: 'longenough' }).deviceKeySecret).toBe(DEMO_DEVICE_SECRET);
    // A real database with demo accounts (as docker-compose.yml used to start it): intake off.
    const pg = { DATABASE_URL: 'postgres://x@h/db', DEMO_PASSWORD: 'longenough' };
    expect(loadConfig(pg).deviceKeySecret).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db' }).deviceKeySecret).toBeNull();
  });

  it('takes DEVICE_KEY_SECRET of at least 32 characters and refuses a shorter one', () => {
    const real = 'k'.repeat(32);
    expect(loadConfig({ DEVICE_KEY_SECRET: real }).deviceKeySecret).toBe(real);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@h/db', DEVICE_KEY_SECRET: real }).deviceKeySecret).toBe(
      real,
    );
    for (const env of [{}, { DATABASE_URL: 'postgres://x@h/db' }]) {
      expect(() => loadConfig({ ...env, DEVICE_KEY_SECRET: 's3cret' })).toThrow(
        new ConfigError('DEVICE_KEY_SECRET must have at least 32 characters'),
      );
    }
  });

  it('shares the live video pool: per-role quotas and the command centre reserve', () => {
    const d = loadConfig({}).media;
    expect(d.maxStreams).toBe(64);
    expect(d.commandReserve).toBe(16);
    expect(d.userStreams).toEqual({
      admin: 32,
      shift_leader: 32,
      duty_officer: 32,
      station_chief: 18,
      community_officer: 18,
      street_unit: 2,
    });
    const c = loadConfig({
      MEDIA_MAX_STREAMS: '100',
      MEDIA_COMMAND_RESERVE: '20',
      MEDIA_USER_STREAMS: ' community_officer = 4 ,street_unit=0,',
    }).media;
    expect(c.commandReserve).toBe(20);
    expect(c.userStreams).toMatchObject({ community_officer: 4, street_unit: 0, station_chief: 18 });
    expect(loadConfig({ MEDIA_MAX_STREAMS: '8' }).media.commandReserve).toBe(2);
    for (const bad of ['chief=4', 'street_unit', 'street_unit=-1', 'street_unit=65', 'duty_officer=1.5']) {
      expect(() => loadConfig({ MEDIA_USER_STREAMS: bad })).toThrow(/MEDIA_USER_STREAMS/);
    }
    expect(() => loadConfig({ MEDIA_COMMAND_RESERVE: '64' })).toThrow(/MEDIA_COMMAND_RESERVE/);
  });

  it('accepts an intranet tile URL', () => {
    expect(loadConfig({ TILE_URL: 'http://tiles.intra/{z}/{x}/{y}.png' }).tileUrl).toContain('{z}');
  });
});
