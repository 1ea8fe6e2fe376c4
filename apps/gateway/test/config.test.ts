import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig } from '../src/config.js';

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

  it('accepts an intranet tile URL', () => {
    expect(loadConfig({ TILE_URL: 'http://tiles.intra/{z}/{x}/{y}.png' }).tileUrl).toContain('{z}');
  });
});
