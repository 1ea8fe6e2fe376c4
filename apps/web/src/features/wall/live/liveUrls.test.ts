import { describe, expect, it } from 'vitest';
import { backoffDelay, needsRefresh, refreshDelay, webSocketUrl, withSignature } from './liveUrls';

describe('live URL renewal', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');

  it('renews a minute before a 5-minute signature expires', () => {
    expect(refreshDelay('2025-01-01T00:05:00Z', now)).toBe(4 * 60_000);
  });

  it('never spins on nearly expired or unreadable expiries', () => {
    expect(refreshDelay('2025-01-01T00:00:30Z', now)).toBe(5_000);
    expect(refreshDelay('2025-01-01T00:00:01Z', now)).toBe(1_000);
    expect(refreshDelay('2024-12-31T23:00:00Z', now)).toBe(1_000);
    expect(refreshDelay('not a date', now)).toBe(5_000);
  });

  it('says when a signature is too old to start with', () => {
    expect(needsRefresh('2025-01-01T00:00:59Z', now)).toBe(true);
    expect(needsRefresh('2025-01-01T00:04:00Z', now)).toBe(false);
  });

  it('backs off exponentially up to 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map(backoffDelay)).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('moves a new signature onto playlist and segment URLs', () => {
    const fresh = '/media/hls/1/sub/index.m3u8?exp=200&sig=new';
    expect(withSignature('http://h:8080/media/hls/1/sub/seg_5.ts?exp=100&sig=old', fresh)).toBe(
      'http://h:8080/media/hls/1/sub/seg_5.ts?exp=200&sig=new',
    );
    expect(withSignature('/media/hls/1/sub/index.m3u8?exp=100&sig=old', fresh)).toBe(fresh);
    // unsigned URLs (another origin, a key file) are left alone
    expect(withSignature('http://h/x.ts', fresh)).toBe('http://h/x.ts');
  });

  it('opens WS-FLV on the page’s own host, wss: when the page came over https:', () => {
    const path = '/media/ws-flv/13090300001320000001_main.flv?exp=1&sig=abc';
    expect(webSocketUrl(path, { href: 'http://127.0.0.1:8080/wall', protocol: 'http:' })).toBe(
      `ws://127.0.0.1:8080${path}`,
    );
    expect(webSocketUrl(path, { href: 'https://patrol.example/wall?x=1', protocol: 'https:' })).toBe(
      `wss://patrol.example${path}`,
    );
  });
});
