import type { CameraStreamStatus } from '@onpatrol/contracts';
import { describe, expect, it } from 'vitest';
import { ringKinds } from './rings';

const st = (cameraId: string, stream: 'main' | 'sub', state: CameraStreamStatus['state'], reason?: string) =>
  ({ cameraId, stream, state, sinceMs: 1, ...(reason ? { reason } : {}) }) as CameraStreamStatus;

describe('map rings', () => {
  it('rings watched cameras, showing the stream that needs attention', () => {
    const all = [
      st('a', 'sub', 'live'),
      st('a', 'main', 'stalled', 'frozen'),
      st('b', 'sub', 'idle'),
      st('c', 'sub', 'offline', 'timeout'),
      st('c', 'main', 'connecting'),
      st('d', 'main', 'stalled', 'no-frames'),
    ];
    const byKey = Object.fromEntries(all.map((s) => [`${s.cameraId}_${s.stream}`, s]));
    expect(Object.fromEntries(ringKinds(byKey))).toEqual({ a: 'frozen', c: 'offline', d: 'stalled' });
  });
});
