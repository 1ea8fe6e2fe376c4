import { describe, expect, it } from 'vitest';
import { auditQuery, EMPTY_FILTER } from './auditQuery';

describe('audit query', () => {
  it('leaves out empty fields and trims the rest', () => {
    expect(auditQuery(EMPTY_FILTER)).toBe('limit=200');
    expect(auditQuery({ ...EMPTY_FILTER, actor: ' duty ', target: '13090301001320000001' })).toBe(
      'actor=duty&target=13090301001320000001&limit=200',
    );
  });

  it('turns local times into ISO instants and drops invalid ones', () => {
    const q = new URLSearchParams(auditQuery({ ...EMPTY_FILTER, from: '2026-11-01T08:00', to: 'garbage' }));
    expect(new Date(q.get('from')!).getTime()).toBe(new Date('2026-11-01T08:00').getTime());
    expect(q.has('to')).toBe(false);
  });
});
