/** A transport the server can serve, as chosen from a SETUP request's Transport header. */
export type Transport =
  | { kind: 'tcp'; rtpChannel: number; rtcpChannel: number }
  | { kind: 'udp'; rtpPort: number; rtcpPort: number };

function range(value: string | undefined, max: number): [number, number] | null {
  const m = /^(\d+)(?:-(\d+))?$/.exec(value ?? '');
  if (!m) return null;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a + 1 : Number(m[2]);
  return a <= max && b <= max ? [a, b] : null;
}

/**
 * The first alternative of a Transport header (RFC 2326 12.39) that is unicast RTP over TCP
 * (interleaved) or UDP; null when none is. A `destination` parameter is ignored: packets only go to
 * the address the request came from, so the server cannot be aimed at a third party.
 */
export function parseTransport(header: string | undefined): Transport | null {
  for (const alt of (header ?? '').split(',')) {
    const [spec = '', ...params] = alt.trim().split(';');
    const map = new Map(params.map((p) => [p.split('=')[0]!.trim().toLowerCase(), p.split('=')[1]?.trim()]));
    if (map.has('multicast')) continue;
    const proto = spec.toUpperCase();
    if (proto === 'RTP/AVP/TCP') {
      const ch = map.has('interleaved') ? range(map.get('interleaved'), 255) : ([0, 1] as [number, number]);
      if (ch) return { kind: 'tcp', rtpChannel: ch[0], rtcpChannel: ch[1] };
    } else if (proto === 'RTP/AVP' || proto === 'RTP/AVP/UDP') {
      const ports = range(map.get('client_port'), 65535);
      if (ports && ports[0] > 0 && ports[1] > 0)
        return { kind: 'udp', rtpPort: ports[0], rtcpPort: ports[1] };
    }
  }
  return null;
}

/** The Transport header of a SETUP reply. */
export function formatTransport(t: Transport, ssrc: number, serverPorts: [number, number]): string {
  const id = (ssrc >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return t.kind === 'tcp'
    ? `RTP/AVP/TCP;unicast;interleaved=${t.rtpChannel}-${t.rtcpChannel};ssrc=${id}`
    : `RTP/AVP;unicast;client_port=${t.rtpPort}-${t.rtcpPort};server_port=${serverPorts[0]}-${serverPorts[1]};ssrc=${id}`;
}
