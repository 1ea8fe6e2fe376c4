import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO_DEVICE_SECRET, loadConfig } from '../src/config.js';

// No Docker engine runs here, so the compose file is checked the way `docker compose config`
// would: known keys, references that resolve, well-formed interpolation, ports and healthchecks.
const root = path.resolve(import.meta.dirname, '../../..');
const text = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
const doc = parse(text) as Record<string, unknown>;
const services = doc.services as Record<string, Record<string, unknown>>;

const TOP = new Set(['name', 'services', 'volumes', 'networks', 'configs', 'secrets']);
const SERVICE_KEYS = new Set([
  'image',
  'build',
  'command',
  'entrypoint',
  'environment',
  'env_file',
  'ports',
  'volumes',
  'depends_on',
  'restart',
  'healthcheck',
  'networks',
  'expose',
  'user',
  'working_dir',
  'labels',
  'logging',
  'deploy',
]);

describe('docker-compose.yml', () => {
  it('uses only known top-level and service keys', () => {
    for (const key of Object.keys(doc)) expect(TOP.has(key) || key.startsWith('x-'), key).toBe(true);
    for (const [name, svc] of Object.entries(services)) {
      for (const key of Object.keys(svc)) expect(SERVICE_KEYS.has(key), `${name}.${key}`).toBe(true);
      expect(svc.image ?? svc.build, `${name} needs image or build`).toBeTruthy();
    }
  });

  it('describes the gateway with PostgreSQL and Redis', () => {
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['gateway', 'postgres', 'redis']));
    const env = services.gateway!.environment as Record<string, string>;
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\/.*@postgres:5432\//);
    expect(env.REDIS_URL).toMatch(/^redis:\/\/redis:6379/);
    expect(env.HOST).toBe('0.0.0.0');
  });

  it('has resolvable dependencies, named volumes and valid ports', () => {
    const volumes = Object.keys((doc.volumes as object) ?? {});
    for (const [name, svc] of Object.entries(services)) {
      const deps = svc.depends_on as Record<string, { condition: string }> | string[] | undefined;
      for (const dep of Array.isArray(deps) ? deps : Object.keys(deps ?? {})) {
        expect(services[dep], `${name} depends on ${dep}`).toBeDefined();
        if (!Array.isArray(deps) && deps?.[dep]?.condition === 'service_healthy') {
          expect(services[dep]!.healthcheck, `${dep} needs a healthcheck`).toBeDefined();
        }
      }
      for (const v of (svc.volumes as string[] | undefined) ?? []) {
        const source = v.split(':')[0]!;
        if (!source.startsWith('.') && !source.startsWith('/')) expect(volumes).toContain(source);
      }
      for (const p of (svc.ports as string[] | undefined) ?? [])
        expect(p).toMatch(/^(\d+\.\d+\.\d+\.\d+:)?\d+:\d+(\/(tcp|udp))?$/);
      const env = svc.environment as Record<string, unknown> | undefined;
      for (const [k, v] of Object.entries(env ?? {}))
        expect(typeof v, `${name}.environment.${k} must be a string`).toBe('string');
    }
  });

  it('uses well-formed VAR interpolation only', () => {
    const refs = text.match(/\$\{[^}]*\}/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^\$\{[A-Z_][A-Z0-9_]*(:?[-?+][^}]*)?\}$/);
    expect(text.replace(/\$\{[^}]*\}/g, '').replace(/\$\$/g, '')).not.toMatch(/\$\{/);
  });

  it('never starts the gateway with the published demo device secret', () => {
    const env = services.gateway!.environment as Record<string, string>;
    // Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error} (error when unset or empty).
    const resolve = (shell: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(env).map(([k, v]) => [
          k,
          v.replace(
            /\$\{([A-Z_][A-Z0-9_]*)(?::([-?])([^}]*))?\}/g,
            (_, name: string, op?: string, arg?: string) => {
              const value = shell[name] ?? '';
              if (value) return value;
              if (op === '?') throw new Error(`${name}: ${arg}`);
              return op === '-' ? (arg ?? '') : '';
            },
          ),
        ]),
      );
    const shell = { POSTGRES_PASSWORD: 'pw', DEMO_PASSWORD: 'demo-password' };
    expect(() => resolve(shell)).toThrow(/DEVICE_KEY_SECRET/);
    const secret = 'a-real-secret-of-at-least-32-characters';
    const config = loadConfig(resolve({ ...shell, DEVICE_KEY_SECRET: secret }));
    expect(config.deviceKeySecret).toBe(secret);
    expect(config.deviceKeySecret).not.toBe(DEMO_DEVICE_SECRET);
  });

  it('builds from a Dockerfile that exists', () => {
    const build = services.gateway!.build as { context: string; dockerfile: string };
    expect(readFileSync(path.join(root, build.context, build.dockerfile), 'utf8')).toMatch(/^FROM /m);
  });
});
