import { WebSocket } from 'ws';

/**
 * Collects a WebSocket's binary messages until `bytes` arrived (or `until` holds for what arrived)
 * or `ms` passed, then hangs up.
 */
export function captureWs(
  url: string,
  headers: Record<string, string>,
  bytes: number,
  ms: number,
  until: (body: Buffer) => boolean = () => false,
) {
  return new Promise<{ messages: number; body: Buffer }>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const ws = new WebSocket(url, { headers });
    const done = () => {
      clearTimeout(timer);
      ws.terminate();
      resolve({ messages: chunks.length, body: Buffer.concat(chunks) });
    };
    const timer = setTimeout(done, ms);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) return reject(new Error('a text message on the FLV socket'));
      chunks.push(data);
      size += data.length;
      if (size >= bytes || until(Buffer.concat(chunks))) done();
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('error', reject);
    ws.once('close', done);
  });
}

/** The FLV tags of a capture: type, and for video whether it is a keyframe with picture data. */
export function flvTags(flv: Buffer) {
  const tags: Array<{ type: number; keyframe: boolean; nalu: boolean }> = [];
  let off = 9 + 4;
  while (off + 11 <= flv.length) {
    const size = flv.readUIntBE(off + 1, 3);
    if (off + 11 + size > flv.length) break;
    const data = flv.subarray(off + 11, off + 11 + size);
    tags.push({ type: flv[off]!, keyframe: data[0]! >> 4 === 1, nalu: data[1] === 1 });
    off += 11 + size + 4;
  }
  return tags;
}
