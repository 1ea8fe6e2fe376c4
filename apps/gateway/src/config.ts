import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, envBool, envInt } from '@onpatrol/env';

/** Raised for a bad environment value (re-exported: callers catch it from here). */
export { ConfigError };

/** The gateway's whole configuration, read once from the environment and validated. */
export interface GatewayConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Unset: embedded PostgreSQL (PGlite) in `dataDir`. */
  databaseUrl: string | null;
  /** Password of the demo accounts; null: no demo accounts are created. */
  demoPassword: string | null;
  webDist: string;
  tileUrl: string | null;
  tileAttribution: string;
  /** Host and port the generated registry's RTSP URLs point at (the simulator). */
  rtspHost: string;
  rtspPort: number;
  cookieSecure: boolean;
  sessionHours: number;
  logLevel: string;
  /** Secret from which each alarm device's and unit terminal's key is derived; null: intake off. */
  deviceKeySecret: string | null;
  /** Repeats from one alarm device within this many seconds merge into one alarm. */
  alarmMergeSeconds: number;
  /** An alarm not acknowledged within this many seconds escalates to the shift leader. */
  alarmAckSeconds: number;
  audit: {
    /** Ed25519 private key (PEM) signing the audit checkpoints; created with mode 0600 when missing. */
    keyFile: string;
    /** Signed checkpoints of the audit chain's head, appended as JSON lines. */
    checkpointFile: string;
  };
  media: {
    /** HLS output; one folder per active stream. */
    hlsDir: string;
    maxStreams: number;
    idleSeconds: number;
    nmsRtmpPort: number;
    nmsHttpPort: number;
    ffmpegPath: string;
    /** Key for signed stream URLs; null: random per process (URLs then end at a restart). */
    urlSecret: Buffer | null;
    /** Keep the gate camera of every key site pulled all the time. */
    prewarmKeySites: boolean;
    /** Keep the best camera of this many newest open alarms pulled (0: none). */
    prewarmAlarms: number;
  };
}

/** The device secret of the demo (embedded default): published, so never use it in production. */
export const DEMO_DEVICE_SECRET = 'onpatrol-demo-device-secret';

export const DEFAULT_DEMO_PASSWORD = 'patrol2024';
const here = path.dirname(fileURLToPath(import.meta.url));

function secret(env: NodeJS.ProcessEnv, key: string): Buffer | null {
  const raw = env[key];
  if (!raw) return null;
  if (raw.length < 32) throw new ConfigError(`${key} must have at least 32 characters`);
  return Buffer.from(raw);
}

/** Read and validate the configuration; throws ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const tileUrl = env.TILE_URL?.trim() || null;
  if (tileUrl && !/^(https?:\/\/|\/)[^\s]*\{z\}[^\s]*\{x\}[^\s]*\{y\}/.test(tileUrl)) {
    throw new ConfigError('TILE_URL must be an http(s) or absolute path URL containing {z}, {x} and {y}');
  }
  // The embedded default is the demo: it always has demo accounts. A real database gets them
  // only when DEMO_PASSWORD is given explicitly.
  const demoPassword = env.DEMO_PASSWORD || (databaseUrl ? null : DEFAULT_DEMO_PASSWORD);
  if (demoPassword !== null && demoPassword.length < 8) {
    throw new ConfigError('DEMO_PASSWORD must have at least 8 characters');
  }
  const dataDir = path.resolve(env.DATA_DIR || './data');
  return {
    host: env.HOST || '127.0.0.1',
    port: envInt(env, 'PORT', 8080, 0, 65535),
    dataDir,
    databaseUrl,
    demoPassword,
    webDist: path.resolve(env.WEB_DIST || path.join(here, '../../web/dist')),
    tileUrl,
    tileAttribution: env.TILE_ATTRIBUTION || '',
    rtspHost: env.SIM_RTSP_HOST || '127.0.0.1',
    rtspPort: envInt(env, 'SIM_RTSP_PORT', 8554, 1, 65535),
    cookieSecure: envBool(env, 'COOKIE_SECURE', false),
    sessionHours: envInt(env, 'SESSION_HOURS', 12, 1, 24 * 30),
    logLevel: env.LOG_LEVEL || 'info',
    deviceKeySecret: env.DEVICE_KEY_SECRET || (demoPassword ? DEMO_DEVICE_SECRET : null),
    alarmMergeSeconds: envInt(env, 'ALARM_MERGE_SECONDS', 60, 0, 3600),
    alarmAckSeconds: envInt(env, 'ALARM_ACK_SECONDS', 60, 5, 3600),
    audit: {
      keyFile: path.resolve(env.AUDIT_KEY_FILE || path.join(dataDir, 'audit-signing.key')),
      checkpointFile: path.resolve(
        env.AUDIT_CHECKPOINT_FILE || path.join(dataDir, 'audit-checkpoints.jsonl'),
      ),
    },
    media: {
      hlsDir: path.resolve(env.MEDIA_HLS_DIR || path.join(path.resolve(env.DATA_DIR || './data'), 'hls')),
      maxStreams: envInt(env, 'MEDIA_MAX_STREAMS', 64, 1, 1000),
      idleSeconds: envInt(env, 'MEDIA_IDLE_SECONDS', 30, 1, 3600),
      nmsRtmpPort: envInt(env, 'MEDIA_NMS_RTMP_PORT', 0, 0, 65535),
      nmsHttpPort: envInt(env, 'MEDIA_NMS_HTTP_PORT', 0, 0, 65535),
      ffmpegPath: env.FFMPEG_PATH || 'ffmpeg',
      urlSecret: secret(env, 'MEDIA_URL_SECRET'),
      prewarmKeySites: envBool(env, 'MEDIA_PREWARM_KEY_SITES', true),
      prewarmAlarms: envInt(env, 'MEDIA_PREWARM_ALARMS', 16, 0, 64),
    },
  };
}
