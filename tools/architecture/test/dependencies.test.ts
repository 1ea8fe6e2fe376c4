import { describe, expect, it } from 'vitest';
import { floors, RULES, SOURCES } from '../rules.js';
import { check, explain } from './structure.js';

describe('workspace structure', () => {
  it('has no import circle and breaks no dependency rule (web, gateway, simulator, packages)', async () => {
    const { modules, violations } = await check(SOURCES, RULES);
    expect(violations.map(explain)).toEqual([]);

    // Guard against passing vacuously: every tree was read, and its imports were followed.
    const tree = (name: string) => name.split('/').slice(0, 2).join('/');
    const read = new Set(
      modules.filter((m) => !m.coreModule && !m.couldNotResolve).map((m) => tree(m.source)),
    );
    for (const src of SOURCES) expect(read).toContain(tree(src));
    const unresolved = modules.flatMap((m) =>
      m.dependencies
        .filter((d) => d.couldNotResolve && d.module.startsWith('.'))
        .map((d) => `${m.source}: ${d.module}`),
    );
    expect(unresolved).toEqual([]);
    const app = modules.find((m) => m.source === 'apps/gateway/src/app.ts');
    expect(app?.dependencies.some((d) => d.resolved.startsWith('apps/gateway/src/'))).toBe(true);
  });

  it('fails on a circle, type-only imports included', async () => {
    const { violations } = await check(['tools/architecture/test/fixtures/circle'], RULES, ['node_modules']);
    const lines = violations.map(explain);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^no-circular: .*loop: \S*circle\/(a|b)\.ts -> \S*circle\/(a|b)\.ts -> \S*circle\/(a|b)\.ts\)$/,
    );
  });

  it('fails when a lower floor imports a higher one, and only then', async () => {
    const rules = floors('fixture', '^tools/architecture/test/fixtures/floors/', ['top/', 'low/']);
    const { violations } = await check(['tools/architecture/test/fixtures/floors'], rules, ['node_modules']);
    expect(violations.map(explain)).toEqual([
      'fixture-floor-2: tools/architecture/test/fixtures/floors/low/wrong.ts -> tools/architecture/test/fixtures/floors/top/screen.ts',
    ]);
  });
});
