import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { Faults, parseFaultRequest } from '../src/faults.js';
import { RtspParser, type RtspRequest } from '../src/rtsp/parser.js';
import { parseTransport } from '../src/rtsp/transport.js';
import { parseStreamUrl } from '../src/rtsp/url.js';

const ID = '13090303021320000001';

describe('parseStreamUrl', () => {
  it('accepts the aggregate and track URLs of main and sub', () => {
    expect(parseStreamUrl(`rtsp://h:8554/${ID}/main`)).toMatchObject({
      cameraId: ID,
      profile: 'main',
      track: false,
    });
    expect(parseStreamUrl(`rtsp://h:8554/${ID}/sub/trackID=0`)).toMatchObject({
      profile: 'sub',
      track: true,
      base: `rtsp://h:8554/${ID}/sub`,
    });
  });
  it.each([
    `rtsp://h/${ID}`,
    `rtsp://h/${ID}/hd`,
    `rtsp://h/1234/main`,
    `rtsp://h/${ID}/main/trackID=1`,
    `http://h/${ID}/main`,
    '*',
  ])('rejects %s', (url) => expect(parseStreamUrl(url)).toBeNull());
});

describe('parseTransport', () => {
  it('reads TCP interleaved and UDP client ports, skipping multicast', () => {
    expect(parseTransport('RTP/AVP/TCP;unicast;interleaved=2-3')).toEqual({
      kind: 'tcp',
      rtpChannel: 2,
      rtcpChannel: 3,
    });
    expect(parseTransport('RTP/AVP;multicast,RTP/AVP;unicast;client_port=5000-5001')).toEqual({
      kind: 'udp',
      rtpPort: 5000,
      rtcpPort: 5001,
    });
    expect(parseTransport('RTP/AVP/UDP;unicast;client_port=0-1')).toBeNull();
    expect(parseTransport(undefined)).toBeNull();
  });
});

describe('RtspParser', () => {
  it('parses pipelined requests with bodies and interleaved frames split anywhere', () => {
    const reqs: RtspRequest[] = [];
    const frames: number[] = [];
    const parser = new RtspParser(
      (r) => reqs.push(r),
      (ch) => frames.push(ch),
    );
    const bytes = Buffer.concat([
      Buffer.from('OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n'),
      Buffer.from([0x24, 1, 0, 2, 0x80, 0xc9]),
      Buffer.from('GET_PARAMETER rtsp://h/x RTSP/1.0\r\nCSeq: 2\r\nContent-Length: 4\r\n\r\nabcd'),
    ]);
    for (let i = 0; i < bytes.length; i += 5) parser.push(bytes.subarray(i, i + 5));
    expect(reqs.map((r) => [r.method, r.headers.get('cseq'), r.body.toString()])).toEqual([
      ['OPTIONS', '1', ''],
      ['GET_PARAMETER', '2', 'abcd'],
    ]);
    expect(frames).toEqual([1]);
  });
  it('throws on something that is not RTSP', () => {
    const parser = new RtspParser(
      () => {},
      () => {},
    );
    expect(() => parser.push(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toThrow(/request line/);
  });
});

describe('faults', () => {
  it('validates fault bodies, naming the field', () => {
    expect(parseFaultRequest({ mode: 'drop', seconds: 2 })).toEqual({ mode: 'drop', seconds: 2 });
    const field = (body: unknown) => {
      try {
        parseFaultRequest(body);
      } catch (err) {
        return (err as { field: string }).field;
      }
    };
    expect(field({ mode: 'explode' })).toBe('mode');
    expect(field({ mode: 'drop' })).toBe('seconds');
    expect(field({ mode: 'drop', seconds: -1 })).toBe('seconds');
    expect(field({ mode: 'freeze', seconds: 1 })).toBe('seconds');
    expect(field({ mode: 'offline', color: 'red' })).toBe('color');
    expect(field([1])).toBe('body');
  });
  it('ends a drop by itself and keeps other faults until restored', () => {
    let now = 1000;
    const faults = new Faults(() => now);
    faults.set(ID, { mode: 'drop', seconds: 2 });
    expect(faults.mode(ID)).toBe('drop');
    now += 2000;
    expect(faults.mode(ID)).toBe('normal');
    faults.set(ID, { mode: 'freeze' });
    now += 1e9;
    expect(faults.state(ID)).toMatchObject({ mode: 'freeze', until: null });
    expect(faults.restore(ID).mode).toBe('normal');
  });
});

describe('loadConfig', () => {
  it('has the documented defaults and names the bad variable', () => {
    expect(loadConfig({})).toMatchObject({
      host: '127.0.0.1',
      rtspPort: 8554,
      controlPort: 8555,
      udpPort: 8556,
    });
    expect(loadConfig({}).cacheDir).toMatch(/data\/sim-cache$/);
    expect(() => loadConfig({ SIM_RTSP_PORT: 'x' })).toThrow(/SIM_RTSP_PORT/);
    expect(() => loadConfig({ SIM_CONTROL_PORT: '70000' })).toThrow(/SIM_CONTROL_PORT/);
    expect(() => loadConfig({ SIM_RTSP_HOST: 'a b' })).toThrow(/SIM_RTSP_HOST/);
    expect(() => loadConfig({ SIM_FONT: '/nonexistent/font.ttf' })).toThrow(/SIM_FONT/);
    expect(() => loadConfig({ SIM_FONT: "/tmp/a:b'.ttf" })).toThrow(/SIM_FONT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
  });
});

describe('loadConfig: device traffic', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      gatewayUrl: 'http://127.0.0.1:8080',
      deviceSecret: 'onpatrol-demo-device-secret',
      alarms: { ratePerHour: 6 },
      units: { enabled: true, positionSeconds: 3, exclude: ['YH01-1'] },
    });
  });

  it('reads and checks every key', () => {
    const c = loadConfig({
      SIM_GATEWAY_URL: 'https://gw.example:8443/',
      DEVICE_KEY_SECRET: 's3cret',
      SIM_ALARM_RATE_PER_HOUR: '0',
      SIM_UNITS: 'off',
      SIM_UNIT_POSITION_SECONDS: '5',
      SIM_UNITS_EXCLUDE: 'YH01-1, YH02-3',
    });
    expect(c).toMatchObject({
      gatewayUrl: 'https://gw.example:8443',
      deviceSecret: 's3cret',
      alarms: { ratePerHour: 0 },
      units: { enabled: false, positionSeconds: 5, exclude: ['YH01-1', 'YH02-3'] },
    });
    expect(loadConfig({ SIM_UNITS_EXCLUDE: 'none' }).units.exclude).toEqual([]);
    expect(() => loadConfig({ SIM_GATEWAY_URL: 'ftp://x' })).toThrow(/SIM_GATEWAY_URL/);
    expect(() => loadConfig({ SIM_GATEWAY_URL: 'http://x/?a=1' })).toThrow(/SIM_GATEWAY_URL/);
    expect(() => loadConfig({ SIM_ALARM_RATE_PER_HOUR: '-1' })).toThrow(/SIM_ALARM_RATE_PER_HOUR/);
    expect(() => loadConfig({ SIM_UNITS: 'maybe' })).toThrow(/SIM_UNITS/);
    expect(() => loadConfig({ SIM_UNIT_POSITION_SECONDS: '0' })).toThrow(/SIM_UNIT_POSITION_SECONDS/);
    expect(() => loadConfig({ SIM_UNITS_EXCLUDE: 'yh01 1' })).toThrow(/SIM_UNITS_EXCLUDE/);
  });
});
