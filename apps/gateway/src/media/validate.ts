import { CameraUrlRefusedError, InvalidStreamError } from './errors.js';
import { STREAM_KINDS, type StreamKind } from './types.js';

export const CAMERA_ID_PATTERN = /^[0-9]{20}$/;
/** node-media-server 4.4.3 crashes on a stream name with a dot; this is all it may ever see. */
export const STREAM_NAME_PATTERN = /^[0-9A-Za-z_-]+$/;
const DEFAULT_RTSP_PORT = 554;

export function isStreamKind(s: string): s is StreamKind {
  return (STREAM_KINDS as readonly string[]).includes(s);
}

/** `${cameraId}_${stream}` after checking both; the name of the HLS folder and the RTMP/FLV stream. */
export function streamKey(cameraId: string, stream: string): string {
  if (!CAMERA_ID_PATTERN.test(cameraId)) throw new InvalidStreamError('cameraId', CAMERA_ID_PATTERN.source);
  if (!isStreamKind(stream)) throw new InvalidStreamError('stream', STREAM_KINDS.join('|'));
  const key = `${cameraId}_${stream}`;
  if (!STREAM_NAME_PATTERN.test(key)) throw new InvalidStreamError('stream', STREAM_NAME_PATTERN.source);
  return key;
}

/** The camera and stream of a key, or null when it is not a well-formed key. */
export function parseStreamKey(key: string): { cameraId: string; stream: StreamKind } | null {
  const m = /^([0-9]{20})_(main|sub)$/.exec(key);
  return m ? { cameraId: m[1] as string, stream: m[2] as StreamKind } : null;
}

const bareHost = (h: string) => h.toLowerCase().replace(/^\[(.*)\]$/, '$1');

/**
 * The allow-list in front of ffmpeg: an `rtsp://` URL to exactly the camera set's registered
 * host and port, with no whitespace or control characters and nothing option-like. Returns the
 * normalised URL that may be passed to ffmpeg; throws CameraUrlRefusedError naming the rule.
 */
export function checkCameraUrl(cameraId: string, raw: string, setHost: string, setPort: number): string {
  const refuse = (why: string): never => {
    throw new CameraUrlRefusedError(cameraId, why);
  };
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048)
    refuse('it must be 1–2048 characters');
  if (raw.startsWith('-')) refuse('it must not start with "-"');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we refuse
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(raw))
    refuse('it must not contain whitespace or control characters');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse('it is not a valid URL');
  }
  if (url.protocol !== 'rtsp:') refuse('the protocol must be rtsp:');
  if (bareHost(url.hostname) !== bareHost(setHost))
    refuse("the host must be the camera set's registered host");
  const port = url.port === '' ? DEFAULT_RTSP_PORT : Number(url.port);
  if (port !== setPort) refuse("the port must be the camera set's registered RTSP port");
  return url.href;
}

/** The URL with any user:password replaced, for logs and status reasons. */
export function redactUrl(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s]*@/gi, '$1***@');
}
