import { type CameraSet, makeGbId, type Site, unsafeCharacter } from '@onpatrol/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, getAs, type TestGateway } from './helpers.js';
import { signed } from './ops/device.js';

// Stored text (camera URLs and names, notes, reasons, display names, view names) holds no control
// characters and no invisible ones that hide or reorder what an operator reads; the refusal
// names the line and column (import) or the field, and the character and its position.
describe('control and invisible characters in stored text', () => {
  it('finds the first unsafe character and its position', () => {
    expect(unsafeCharacter('rtsp://h/a\u0001b')).toBe('U+0001 at character 11');
    expect(unsafeCharacter('南门\u202e甲')).toBe('U+202E at character 3');
    expect(unsafeCharacter('a\u0085')).toBe('U+0085 at character 2');
    expect(unsafeCharacter('line one\nline two')).toBe('U+000A at character 9');
    expect(unsafeCharacter('line one\r\nline\ttwo', true)).toBeNull();
    expect(unsafeCharacter('line one\n\u0007', true)).toBe('U+0007 at character 10');
    expect(unsafeCharacter('正常的名称 with spaces')).toBeNull();
  });

  describe('on a gateway', () => {
    let gw: TestGateway;
    let set: CameraSet;
    let site: Site;
    beforeAll(async () => {
      gw = await createTestGateway('pglite');
      set = (await getAs(gw, 'chief1', '/api/camera-sets?limit=1')).json().items[0];
      site = (await getAs(gw, 'chief1', `/api/sites?q=${set.siteId}`)).json().items[0];
    });
    afterAll(() => gw?.close());

    const serial = (n: number) =>
      makeGbId({ area: '130903', unit: '01', industry: '00', type: '132', network: '0', serial: 991000 + n });

    it('refuses camera URLs and names with control, invisible or non-URL characters at import', async () => {
      const base = `rtsp://${set.host}:${set.rtspPort}/`;
      const cases: Array<[string, string, string]> = [
        ['main_url', `${base}a\u0001b`, 'U+0001 at character'],
        ['main_url', `${base}a\u007fb`, 'U+007F'],
        ['main_url', `${base}a\u0085b`, 'U+0085'],
        ['main_url', `${base}a\tb`, 'U+0009'],
        ['sub_url', `${base}a\u202eb`, 'U+202E'],
        ['sub_url', `${base}a b`, 'a space'],
        ['sub_url', `${base}a<b`, '"<"'],
        ['name', '门口\u0007摄像机', 'U+0007 at character 3'],
      ];
      const header = 'id,name,set_id,channel,kind,lat,lon,bearing,fov,range,main_url,sub_url,status';
      const rows = cases.map(([column, value], i) => {
        const id = serial(i);
        const v: Record<string, string> = {
          name: '测试',
          main_url: `${base}${id}/main`,
          sub_url: `${base}${id}/sub`,
          [column]: value,
        };
        return [
          id,
          v.name,
          set.id,
          900 + i,
          'bullet',
          site.lat,
          site.lon,
          90,
          60,
          40,
          v.main_url,
          v.sub_url,
          'online',
        ].join(',');
      });
      const before = (await getAs(gw, 'admin', '/api/cameras?limit=1')).json().total;
      const res = await gw.app.inject({
        method: 'POST',
        url: '/api/import/cameras',
        headers: { cookie: await gw.login('chief1'), 'content-type': 'text/csv' },
        payload: [header, ...rows].join('\n'),
      });
      expect(res.statusCode).toBe(422);
      const issues = res.json().issues as Array<{ line: number; column: string; reason: string }>;
      cases.forEach(([column, , reason], i) => {
        const issue = issues.find((x) => x.line === i + 2);
        expect(issue, `line ${i + 2}`).toMatchObject({ column });
        expect(issue?.reason, `line ${i + 2}`).toContain(reason);
      });
      expect((await getAs(gw, 'admin', '/api/cameras?limit=1')).json().total).toBe(before);
    });

    it('refuses them in every text field written over REST, naming the field and the character', async () => {
      const camera = (await getAs(gw, 'admin', '/api/cameras?station=1&limit=1')).json().items[0];
      const write = async (user: string, method: 'POST' | 'PUT' | 'PATCH', url: string, payload: object) =>
        gw.app.inject({ method, url, payload, headers: { cookie: await gw.login(user) } });

      const report = await write('duty', 'POST', '/api/reports', {
        cameraId: camera.id,
        kind: 'fight',
        note: 'two men\u0007 fighting',
      });
      expect(report.statusCode).toBe(400);
      expect(report.json()).toMatchObject({ field: 'note' });
      expect(report.json().message).toBe(
        'body.note must not contain control or invisible characters (U+0007 at character 8)',
      );
      // A note may span lines.
      const multiline = await write('duty', 'POST', '/api/reports', {
        cameraId: camera.id,
        kind: 'fight',
        note: 'two men\nnear the gate',
      });
      expect(multiline.statusCode).toBe(200);
      const incidentId = multiline.json().id;

      for (const [user, method, url, payload, field] of [
        [
          'duty',
          'POST',
          '/api/reports',
          { cameraId: camera.id, kind: 'fight', note: 'x', plate: '冀J\u202e123' },
          'plate',
        ],
        ['admin', 'PATCH', '/api/users/community6', { displayName: '社区\u001b[31m民警' }, 'displayName'],
        [
          'leader',
          'POST',
          '/api/dispatch',
          { incidentId, unitIds: ['YH02-1'], task: 'check', note: 'go\u0000' },
          'note',
        ],
        ['duty', 'POST', `/api/alarms/1/dismiss`, { reason: 'false\u0085alarm' }, 'reason'],
      ] as const) {
        const res = await write(user, method, url, payload);
        expect(res.statusCode, `${url} ${field}`).toBe(400);
        expect(res.json().field, url).toBe(field);
        expect(res.json().message, url).toMatch(/control or invisible characters \(U\+/);
      }
      const view = await write('duty', 'PUT', '/api/me/layouts/a%07b', { layout: 1, cameras: [null] });
      expect(view.statusCode).toBe(400);
      expect(view.json().message).toMatch(/U\+0007 at character 2/);
      const stored = await gw.db.query("SELECT 1 FROM users WHERE display_name LIKE '%' || chr(27) || '%'");
      expect(stored).toHaveLength(0);
    });

    it("refuses them in a device's report", async () => {
      const device = (await getAs(gw, 'admin', '/api/alarm-devices?station=1&limit=1')).json().items[0];
      const res = await gw.app.inject(
        signed(gw.config.deviceKeySecret!, device.id, '/api/device/alarms', {
          kind: 'intrusion',
          zone: 'A\u0008',
        }),
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().field).toBe('zone');
    });
  });
});
