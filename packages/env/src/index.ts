/** Raised for a bad environment value; the message names the variable and what it must be. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export type Env = Readonly<Record<string, string | undefined>>;

const TRUE = ['1', 'true', 'on', 'yes'];
const FALSE = ['0', 'false', 'off', 'no'];

/** A number in [min, max] that passes `ok`; unset or empty gives `fallback`. */
function ranged(
  env: Env,
  key: string,
  fallback: number,
  [min, max]: [number, number],
  ok: (n: number) => boolean,
  what: string,
): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!ok(n) || n < min || n > max) {
    throw new ConfigError(`${key} must be ${what} between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

/** A whole number in [min, max]; unset or empty gives `fallback`. */
export function envInt(env: Env, key: string, fallback: number, min: number, max: number): number {
  return ranged(env, key, fallback, [min, max], Number.isInteger, 'an integer');
}

/** A finite number in [min, max]; unset or empty gives `fallback`. */
export function envNum(env: Env, key: string, fallback: number, min: number, max: number): number {
  return ranged(env, key, fallback, [min, max], Number.isFinite, 'a number');
}

/** true/false (also 1/0, on/off, yes/no, any case); unset or empty gives `fallback`. */
export function envBool(env: Env, key: string, fallback: boolean): boolean {
  const raw = env[key]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (TRUE.includes(raw)) return true;
  if (FALSE.includes(raw)) return false;
  throw new ConfigError(`${key} must be true or false, got "${env[key]}"`);
}
