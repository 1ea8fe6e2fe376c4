import { describe, expect, it } from 'vitest';
import { DEMO_DEVICE_SECRET } from '../src/config.js';
import { deviceHeaders, deviceKey, newNonce, signRequest } from '../src/ops/signing.js';

// Computed with openssl, independently of this code:
//   printf 'device:13090303021340000001' | openssl dgst -sha256 -hmac onpatrol-demo-device-secret
//   printf '1700000000000.<nonce>.POST./api/device/alarms.<body>' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<key>
const DEVICE = '13090303021340000001';
const KEY = 'e47100d76e273c259f7863bb99015007f92938939bdac0f53e005d2fece308c0';
const BODY = '{"kind":"intrusion","zone":"机房"}';
const NONCE = 'Zm9vYmFyLW5vbmNlLTAx';
const SIGNATURE = '3e3f631f8bbc980caccfded7cbb9b5b1f52f1d03ee5b385dedf2befff02a4b1f';
// The same request with nonce Zm9vYmFyLW5vbmNlLTAy.
const OTHER_NONCE_SIGNATURE = 'a7cc3efb9f13c74693cbd37ec77f1e738592d5628c27e009e8a57d923d5fcdd4';

describe('device signing', () => {
  it('matches a known vector', () => {
    expect(DEMO_DEVICE_SECRET).toBe('onpatrol-demo-device-secret');
    expect(deviceKey(DEMO_DEVICE_SECRET, DEVICE).toString('hex')).toBe(KEY);
    const key = Buffer.from(KEY, 'hex');
    expect(signRequest(key, '1700000000000', NONCE, 'post', '/api/device/alarms', BODY)).toBe(SIGNATURE);
    // The nonce is signed: another nonce, another signature.
    expect(
      signRequest(key, '1700000000000', 'Zm9vYmFyLW5vbmNlLTAy', 'POST', '/api/device/alarms', BODY),
    ).toBe(OTHER_NONCE_SIGNATURE);
  });

  it('builds the four headers for a request at a given time and nonce', () => {
    const req = { method: 'POST', path: '/api/device/alarms', body: BODY };
    const h = deviceHeaders(DEMO_DEVICE_SECRET, DEVICE, req, 1_700_000_000_000, NONCE);
    expect(h).toEqual({
      'x-device-id': DEVICE,
      'x-timestamp': '1700000000000',
      'x-nonce': NONCE,
      'x-signature': SIGNATURE,
    });
    // Any change to what is signed changes the signature.
    const other = deviceHeaders(
      DEMO_DEVICE_SECRET,
      DEVICE,
      { ...req, path: '/api/device/alarms?x=1' },
      1_700_000_000_000,
      NONCE,
    );
    expect(other['x-signature']).not.toBe(SIGNATURE);
  });

  it('makes a fresh nonce the gateway accepts for every request', () => {
    const nonces = new Set(Array.from({ length: 100 }, () => newNonce()));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(n).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    const req = { method: 'GET', path: '/api/device/units/orders', body: '' };
    const a = deviceHeaders(DEMO_DEVICE_SECRET, 'YH01-2', req, 1_700_000_000_000);
    const b = deviceHeaders(DEMO_DEVICE_SECRET, 'YH01-2', req, 1_700_000_000_000);
    expect(a['x-nonce']).not.toBe(b['x-nonce']);
    expect(a['x-signature']).not.toBe(b['x-signature']);
  });
});
