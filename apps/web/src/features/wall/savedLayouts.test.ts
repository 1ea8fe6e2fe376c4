import { describe, expect, it } from 'vitest';
import { memoryStorage } from './namedList';
import { savedLayouts } from './savedLayouts';

describe('saved layouts', () => {
  it('saves, replaces by name, lists per user and deletes', () => {
    const storage = memoryStorage();
    const layouts = savedLayouts(() => storage);
    layouts.save('duty', { name: '夜间', layout: 4, cameras: ['a', null, 'c'] });
    layouts.save('duty', { name: 'Day', layout: 9, cameras: ['x'] });
    layouts.save('duty', { name: '夜间', layout: 9, cameras: ['b'] });
    layouts.save('leader', { name: 'Other', layout: 1, cameras: ['z'] });
    // Chinese collation: Chinese names first, then Latin ones
    expect(layouts.list('duty').map((l) => [l.name, l.layout])).toEqual([
      ['夜间', 9],
      ['Day', 9],
    ]);
    expect(storage.data.has('onpatrol.wallLayouts.duty')).toBe(true);
    expect(layouts.remove('duty', 'Day').map((l) => l.name)).toEqual(['夜间']);
    expect(layouts.list('leader')).toHaveLength(1);
  });

  it('drops what it cannot read instead of failing', () => {
    const storage = memoryStorage();
    const layouts = savedLayouts(() => storage);
    storage.setItem(
      'onpatrol.wallLayouts.duty',
      JSON.stringify([{ name: 'bad', layout: 6, cameras: [] }, 7]),
    );
    expect(layouts.list('duty')).toEqual([]);
    storage.setItem('onpatrol.wallLayouts.duty', '{not json');
    expect(layouts.list('duty')).toEqual([]);
    expect(savedLayouts(() => null).list('duty')).toEqual([]);
  });
});
