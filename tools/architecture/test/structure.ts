import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type IForbiddenRuleType, type IModule, type IViolation } from 'dependency-cruiser';

/** The workspace root (tools/architecture/test → ../../..). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Not part of the structure: installed and built code, tests and their fixtures. */
export const NOT_SOURCE = ['(^|/)node_modules/', '(^|/)dist/', '\\.test\\.tsx?$', '(^|/)test/'];

/**
 * Cruise `sources` (paths from `root`, the workspace's by default) with `rules`: every module read, and what
 * breaks a rule. Type-only imports count: a type that travels in a circle ties the files as much
 * as a value does.
 */
export async function check(
  sources: readonly string[],
  rules: IForbiddenRuleType[],
  exclude: string[] = NOT_SOURCE,
  root = ROOT,
): Promise<{ modules: IModule[]; violations: IViolation[] }> {
  const result = await cruise(
    [...sources],
    {
      baseDir: root,
      validate: true,
      ruleSet: { forbidden: rules },
      tsPreCompilationDeps: true,
      doNotFollow: { path: 'node_modules' },
      exclude: { path: exclude },
    },
    // NodeNext sources import './x.js' for './x.ts'.
    { extensionAlias: { '.js': ['.ts', '.tsx', '.js'] } },
  );
  if (typeof result.output === 'string') throw new Error('dependency-cruiser returned text, not a result');
  return { modules: result.output.modules, violations: result.output.summary.violations };
}

/** One line per violation: the rule, the import, and for a circle the whole loop. */
export function explain(v: IViolation): string {
  const loop = v.cycle?.length ? ` (loop: ${[v.from, ...v.cycle.map((c) => c.name)].join(' -> ')})` : '';
  return `${v.rule.name}: ${v.from} -> ${v.to}${loop}`;
}
