import { describe, expect, it } from 'vitest';
import { DEMO_DEVICE_SECRET } from '../src/config.js';
import { deviceHeaders, deviceKey, signRequest } from '../src/ops/signing.js';

// Computed with openssl, independently of this code:
//   printf 'device:13090303021340000001' | openssl dgst -sha256 -hmac onpatrol-demo-device-secret
//   printf '1700000000000.POST./api/device/alarms.<body>' | openssl dgst -sha256 -mac HMAC -macopt hexkey:<key>
const DEVICE = '13090303021340000001';
const KEY = 'e47100d76e273c259f7863bb99015007f92938939bdac0f53e005d2fece308c0';
const BODY = '{"kind":"intrusion","zone":"机房"}';
const SIGNATURE = '9fdd475b2886af533fcba1cd5a98276a7f106d023c9ad264f6d83214d0bcf077';

describe('device signing', () => {
  it('matches a known vector', () => {
    expect(DEMO_DEVICE_SECRET).toBe('onpatrol-demo-device-secret');
    expect(deviceKey(DEMO_DEVICE_SECRET, DEVICE).toString('hex')).toBe(KEY);
    expect(signRequest(Buffer.from(KEY, 'hex'), '1700000000000', 'post', '/api/device/alarms', BODY)).toBe(
      SIGNATURE,
    );
  });

  it('builds the three headers for a request at a given time', () => {
    const h = deviceHeaders(
      DEMO_DEVICE_SECRET,
      DEVICE,
      { method: 'POST', path: '/api/device/alarms', body: BODY },
      1_700_000_000_000,
    );
    expect(h).toEqual({ 'x-device-id': DEVICE, 'x-timestamp': '1700000000000', 'x-signature': SIGNATURE });
    // Any change to what is signed changes the signature.
    const other = deviceHeaders(
      DEMO_DEVICE_SECRET,
      DEVICE,
      { method: 'POST', path: '/api/device/alarms?x=1', body: BODY },
      1_700_000_000_000,
    );
    expect(other['x-signature']).not.toBe(SIGNATURE);
  });
});
