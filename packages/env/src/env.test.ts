import { describe, expect, it } from 'vitest';
import { ConfigError, envBool, envInt, envNum } from './index.js';

describe('environment values', () => {
  it('reads whole numbers within bounds and names the variable otherwise', () => {
    expect(envInt({}, 'PORT', 8080, 0, 65535)).toBe(8080);
    expect(envInt({ PORT: '' }, 'PORT', 8080, 0, 65535)).toBe(8080);
    expect(envInt({ PORT: '9000' }, 'PORT', 8080, 0, 65535)).toBe(9000);
    for (const bad of ['70000', '1.5', 'abc', '-1']) {
      expect(() => envInt({ PORT: bad }, 'PORT', 8080, 0, 65535)).toThrow(
        new ConfigError(`PORT must be an integer between 0 and 65535, got "${bad}"`),
      );
    }
  });

  it('reads finite numbers within bounds', () => {
    expect(envNum({ RATE: '0.5' }, 'RATE', 6, 0, 10)).toBe(0.5);
    expect(() => envNum({ RATE: 'Infinity' }, 'RATE', 6, 0, 10)).toThrow(/RATE must be a number/);
    expect(() => envNum({ RATE: '11' }, 'RATE', 6, 0, 10)).toThrow(ConfigError);
  });

  it('reads booleans in the usual spellings, any case', () => {
    for (const v of ['1', 'true', 'ON', ' yes ']) expect(envBool({ X: v }, 'X', false)).toBe(true);
    for (const v of ['0', 'False', 'off', 'no']) expect(envBool({ X: v }, 'X', true)).toBe(false);
    expect(envBool({}, 'X', true)).toBe(true);
    expect(() => envBool({ X: 'maybe' }, 'X', true)).toThrow('X must be true or false, got "maybe"');
  });
});
