import { Readable } from 'node:stream';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type CameraSet, makeGbId, type Site } from '@onpatrol/contracts';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestGateway, getAs, type TestGateway } from './helpers.js';

// Spreadsheet import: UTF-8 and GBK, all-or-nothing, every bad row named by line, column, reason.
describe('camera CSV import', () => {
  let gw: TestGateway;
  let set: CameraSet;
  let site: Site;
  let nextChannel: number;

  beforeAll(async () => {
    gw = await createTestGateway('pglite');
    set = (await getAs(gw, 'chief1', '/api/camera-sets?limit=1')).json().items[0];
    site = (await getAs(gw, 'chief1', `/api/sites?q=${set.siteId}`)).json().items[0];
    nextChannel = set.cameraCount + 1;
  });
  afterAll(() => gw?.close());

  // Serials from 990000 up are never generated for the reference district.
  const serial = (n: number) =>
    makeGbId({ area: '130903', unit: '01', industry: '00', type: '132', network: '0', serial: 990000 + n });
  const header = 'id,name,set_id,channel,kind,lat,lon,bearing,fov,range,main_url,sub_url,status';
  const row = (id: string, name: string, channel: number, extra: Partial<Record<string, string>> = {}) => {
    const v = {
      id,
      name,
      set_id: set.id,
      channel: String(channel),
      kind: 'bullet',
      lat: String(site.lat),
      lon: String(site.lon),
      bearing: '90',
      fov: '60',
      range: '40',
      main_url: `rtsp://${set.host}:${set.rtspPort}/${id}/main`,
      sub_url: `rtsp://${set.host}:${set.rtspPort}/${id}/sub`,
      status: 'online',
      ...extra,
    };
    return [
      v.id,
      v.name,
      v.set_id,
      v.channel,
      v.kind,
      v.lat,
      v.lon,
      v.bearing,
      v.fov,
      v.range,
      v.main_url,
      v.sub_url,
      v.status,
    ].join(',');
  };

  async function post(user: string, body: Buffer | string | Readable, query = '') {
    return gw.app.inject({
      method: 'POST',
      url: `/api/import/cameras${query}`,
      headers: { cookie: await gw.login(user), 'content-type': 'text/csv' },
      payload: body,
    });
  }
  const total = async () => (await getAs(gw, 'admin', '/api/cameras?limit=1')).json().total as number;

  it('imports a UTF-8 file and the cameras appear in the registry and the bulk list', async () => {
    const before = await total();
    const bulkBefore = (await getAs(gw, 'admin', '/api/cameras/bulk')).json();
    const csv = [
      header,
      row(serial(1), '测试门口摄像机01', nextChannel),
      row(serial(2), '测试门口摄像机02', nextChannel + 1),
    ].join('\n');
    const res = await post('community1', csv);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ encoding: 'utf-8', created: 2, updated: 0 });
    expect(await total()).toBe(before + 2);
    const cam = (await getAs(gw, 'admin', `/api/cameras/${serial(1)}`)).json();
    expect(cam.camera).toMatchObject({
      name: '测试门口摄像机01',
      stationId: set.stationId,
      channel: nextChannel,
    });
    const bulkAfter = (await getAs(gw, 'admin', '/api/cameras/bulk')).json();
    expect(bulkAfter.count).toBe(bulkBefore.count + 2);
    expect(bulkAfter.version).not.toBe(bulkBefore.version);
  });

  it('imports a GBK file with Chinese headers and values, as Chinese Excel saves it', async () => {
    const zhHeader =
      '设备编码,名称,设备套编码,通道号,类型,纬度,经度,方位角,视场角,监控距离,主码流,子码流,状态';
    const csv = [
      zhHeader,
      row(serial(3), '南门枪机甲', nextChannel + 2, { kind: '枪机', status: '在线' }),
    ].join('\r\n');
    const bytes = iconv.encode(csv, 'gbk');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const res = await post('chief1', bytes);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ encoding: 'gbk', created: 1 });
    const cam = (await getAs(gw, 'admin', `/api/cameras/${serial(3)}`)).json();
    expect(cam.camera.name).toBe('南门枪机甲');
  });

  it('updates existing cameras when the export is imported back', async () => {
    const csv = (await getAs(gw, 'chief1', '/api/export/cameras.csv')).body;
    const lines = csv.split('\r\n').filter(Boolean).length - 1;
    const res = await post('chief1', Buffer.from(csv, 'utf-8'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: lines });
  });

  it('rejects a file with bad rows, names each problem and stores nothing', async () => {
    const before = await total();
    const version = (await getAs(gw, 'admin', '/api/cameras/bulk')).json().version;
    const csv = [
      header,
      row(serial(10), '好的一行', nextChannel + 10),
      row('12345', '坏编码', nextChannel + 11),
      row(serial(12), '', nextChannel + 12),
      row(serial(13), '越界', nextChannel + 13, { lat: '39.9', lon: '116.4' }),
      row(serial(14), '坏类型', nextChannel + 14, { kind: 'tank' }),
      row(serial(15), '坏地址', nextChannel + 15, { main_url: 'file:///etc/passwd' }),
      row(serial(16), '重复通道', nextChannel),
      row(serial(10), '重复编码', nextChannel + 17),
      row(serial(18), '坏方位', nextChannel + 18, { bearing: 'north' }),
    ].join('\n');
    const res = await post('community1', csv);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.message).toMatch(/nothing was stored/);
    const got = body.issues.map((i: { line: number; column: string }) => `${i.line}:${i.column}`);
    expect(got).toEqual([
      '3:id',
      '4:name',
      '5:lat',
      '6:kind',
      '7:main_url',
      '8:channel',
      '9:id',
      '10:bearing',
    ]);
    for (const issue of body.issues) expect(issue.reason.length).toBeGreaterThan(3);
    expect(await total()).toBe(before);
    expect((await getAs(gw, 'admin', `/api/cameras/${serial(10)}`)).statusCode).toBe(404);
    expect((await getAs(gw, 'admin', '/api/cameras/bulk')).json().version).toBe(version);
  });

  it("refuses rows for another station's camera set", async () => {
    const res = await post('community2', [header, row(serial(20), '越权', 90)].join('\n'));
    expect(res.statusCode).toBe(422);
    expect(res.json().issues[0]).toMatchObject({
      line: 2,
      column: 'set_id',
      reason: expect.stringMatching(/jurisdiction/),
    });
  });

  it('reports missing and unknown columns on the header line', async () => {
    const res = await post('admin', 'id,name,colour\n1,2,3\n');
    expect(res.statusCode).toBe(422);
    const issues = res.json().issues;
    expect(issues[0]).toMatchObject({ line: 1, column: 'colour', reason: 'unknown column' });
    expect(issues.some((i: { column: string }) => i.column === 'set_id')).toBe(true);
  });

  /** An upload of `chunks` × `chunk` after the header, counting the bytes the gateway pulled. */
  function upload(chunk: Buffer, chunks: number, onPull: () => void = () => {}) {
    const pulled = { bytes: 0 };
    const stream = Readable.from(
      (function* () {
        yield Buffer.from(`${header}\n`);
        for (let i = 0; i < chunks; i++) {
          pulled.bytes += chunk.length;
          onPull();
          yield chunk;
        }
      })(),
    );
    return { stream, pulled };
  }

  it('refuses a row bomb while it arrives, naming the limit, with bounded memory', async () => {
    const before = await total();
    // 4 MB of one-cell rows (2 M rows), sent without a length. A reader that takes the whole
    // body and parses it before counting rows holds every row at once (about 1 GB of heap).
    const chunk = Buffer.from('1\n'.repeat(32 * 1024));
    const chunks = 64;
    let peak = 0;
    const sample = () => {
      peak = Math.max(peak, getHeapStatistics().used_heap_size);
    };
    await gw.login('community1'); // signing in allocates too; not part of the import
    // Collect first, so the baseline is what is live, not garbage that happens to be uncollected.
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
    const baseline = getHeapStatistics().used_heap_size;
    const { stream, pulled } = upload(chunk, chunks, sample);
    const sampler = setInterval(sample, 2);
    let res: Awaited<ReturnType<typeof post>>;
    try {
      res = await post('community1', stream);
    } finally {
      clearInterval(sampler);
    }
    sample();
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      rule: 'import.rows',
      message: expect.stringMatching(/20000 data rows/),
    });
    expect(res.json().issues).toEqual([
      { line: 20002, column: '', reason: expect.stringMatching(/more than 20000 data rows/) },
    ]);
    // Reading stopped soon after the limit: most of the upload was never taken from the client.
    expect(pulled.bytes).toBeLessThan((chunk.length * chunks) / 8);
    // Generous: the young generation alone may hold ~48 MB of garbage before it is collected.
    // Reading the whole file first took about 550 MB here.
    expect(peak - baseline).toBeLessThan(128 * 1024 * 1024);
    expect(await total()).toBe(before);
  });

  it('refuses an upload past the size limit with 413, declared or not', async () => {
    const longRow = Buffer.from(`${'x'.repeat(60_000)}\n`);
    const undeclared = upload(longRow, 300); // 18 MB in rows the row and column limits allow
    const res = await post('admin', undeclared.stream);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ rule: 'import.bytes', message: expect.stringMatching(/larger than/) });
    expect(undeclared.pulled.bytes).toBeLessThan(17 * 1024 * 1024);

    const declared = upload(longRow, 300);
    const res2 = await gw.app.inject({
      method: 'POST',
      url: '/api/import/cameras',
      headers: {
        cookie: await gw.login('admin'),
        'content-type': 'text/csv',
        'content-length': String(300 * longRow.length),
      },
      payload: declared.stream,
    });
    expect(res2.statusCode).toBe(413);
    expect(declared.pulled.bytes).toBe(0);
  });

  it('refuses a body that is not a CSV upload', async () => {
    const res = await gw.app.inject({
      method: 'POST',
      url: '/api/import/cameras',
      headers: { cookie: await gw.login('admin'), 'content-type': 'application/json' },
      payload: { a: 1 },
    });
    expect(res.statusCode).toBe(415);
  });
});
