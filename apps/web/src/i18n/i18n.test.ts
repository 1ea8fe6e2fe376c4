import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function leaves(obj: object): Array<[string, unknown]> {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object'
      ? leaves(v as object).map(([p, x]) => [`${k}.${p}`, x] as [string, unknown])
      : [[k, v]],
  );
}

describe('i18n resources', () => {
  it('zh-CN and en have exactly the same keys', () => {
    const zh = keys(zhCN).sort();
    const english = keys(en).sort();
    expect(zh.filter((k) => !english.includes(k))).toEqual([]);
    expect(english.filter((k) => !zh.includes(k))).toEqual([]);
    expect(zh.length).toBeGreaterThan(50);
  });

  it('every message is a non-empty string with the same placeholders in both languages', () => {
    const english = new Map(leaves(en));
    for (const [key, zh] of leaves(zhCN)) {
      const other = english.get(key);
      expect(typeof zh, key).toBe('string');
      expect(typeof other, key).toBe('string');
      expect((zh as string).length, key).toBeGreaterThan(0);
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(other as string), key).toEqual(vars(zh as string));
    }
  });
});
