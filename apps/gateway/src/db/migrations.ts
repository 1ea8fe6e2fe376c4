import type { Database } from './database.js';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

// Append only: a migration that has shipped is never edited.
const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'registry',
    sql: `
CREATE TABLE stations (
  id text PRIMARY KEY,
  no integer NOT NULL UNIQUE,
  name text NOT NULL,
  name_en text NOT NULL,
  address text NOT NULL,
  phone text NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  polygon jsonb NOT NULL
);
CREATE TABLE sites (
  id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('key_site', 'compound', 'village', 'shop')),
  name text NOT NULL,
  station_id text NOT NULL REFERENCES stations(id),
  address text NOT NULL,
  lat double precision NOT NULL,
  lon double precision NOT NULL
);
CREATE INDEX sites_station ON sites(station_id);
CREATE TABLE camera_sets (
  id text PRIMARY KEY,
  name text NOT NULL,
  site_id text NOT NULL REFERENCES sites(id),
  station_id text NOT NULL REFERENCES stations(id),
  vendor text NOT NULL,
  host text NOT NULL,
  rtsp_port integer NOT NULL,
  owner text NOT NULL,
  owner_phone text NOT NULL,
  maintainer text NOT NULL,
  maintainer_phone text NOT NULL,
  status text NOT NULL CHECK (status IN ('online', 'offline', 'fault', 'maintenance'))
);
CREATE INDEX camera_sets_station ON camera_sets(station_id);
CREATE TABLE cameras (
  id text PRIMARY KEY,
  name text NOT NULL,
  set_id text NOT NULL REFERENCES camera_sets(id),
  site_id text NOT NULL REFERENCES sites(id),
  station_id text NOT NULL REFERENCES stations(id),
  channel integer NOT NULL CHECK (channel > 0),
  kind text NOT NULL CHECK (kind IN ('bullet', 'dome', 'ptz')),
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  bearing double precision NOT NULL CHECK (bearing >= 0 AND bearing <= 360),
  fov double precision NOT NULL CHECK (fov > 0 AND fov <= 360),
  range_m double precision NOT NULL CHECK (range_m > 0),
  main_url text NOT NULL,
  sub_url text NOT NULL,
  status text NOT NULL CHECK (status IN ('online', 'offline', 'fault', 'maintenance')),
  UNIQUE (set_id, channel) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX cameras_station ON cameras(station_id);
CREATE INDEX cameras_site ON cameras(site_id);
CREATE TABLE alarm_devices (
  id text PRIMARY KEY,
  name text NOT NULL,
  site_id text NOT NULL REFERENCES sites(id),
  station_id text NOT NULL REFERENCES stations(id),
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  zone text NOT NULL,
  status text NOT NULL CHECK (status IN ('online', 'offline', 'fault', 'maintenance'))
);
CREATE INDEX alarm_devices_station ON alarm_devices(station_id);
CREATE TABLE basemap (
  id integer PRIMARY KEY CHECK (id = 1),
  data jsonb NOT NULL
);
-- Bumped on every registry write so caches (the bulk camera list) know when to rebuild.
CREATE TABLE registry_meta (
  id integer PRIMARY KEY CHECK (id = 1),
  version bigint NOT NULL,
  seeded_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE users (
  username text PRIMARY KEY,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'shift_leader', 'duty_officer', 'station_chief', 'community_officer', 'street_unit')),
  station_id text REFERENCES stations(id),
  password_hash text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (role NOT IN ('station_chief', 'community_officer') OR station_id IS NOT NULL)
);
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  username text NOT NULL REFERENCES users(username) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions(username);
`,
  },
  {
    version: 2,
    name: 'accountability',
    sql: `
ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN locked_until timestamptz;
-- A grant can expire: after this instant the account cannot sign in and its sessions end.
ALTER TABLE users ADD COLUMN expires_at timestamptz;
CREATE TABLE audit_log (
  seq bigint PRIMARY KEY,
  at timestamptz NOT NULL,
  actor text,
  actor_role text,
  address text,
  action text NOT NULL,
  target_kind text,
  target_id text,
  station_id text,
  -- Canonical JSON kept as text, so the hash can be recomputed byte for byte.
  details text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log(actor, at);
CREATE INDEX audit_log_target ON audit_log(target_id, at);
CREATE INDEX audit_log_station ON audit_log(station_id, at);
-- One line: statements are split at a semicolon that ends a line.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $fn$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
`,
  },
  {
    version: 3,
    name: 'operations',
    sql: `
-- Every operational change, stored before it is broadcast; clients replay by seq.
CREATE TABLE events (
  seq bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  name text NOT NULL,
  station_id text,
  unit_id text,
  data jsonb NOT NULL
);
CREATE TABLE units (
  id text PRIMARY KEY,
  callsign text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('car', 'foot')),
  station_id text NOT NULL REFERENCES stations(id),
  status text NOT NULL CHECK (status IN ('available', 'assigned', 'en_route', 'on_scene', 'off_duty')),
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  position_at timestamptz NOT NULL DEFAULT now(),
  order_id integer
);
ALTER TABLE users ADD COLUMN unit_id text REFERENCES units(id);
CREATE TABLE incidents (
  id serial PRIMARY KEY,
  kind text NOT NULL,
  status text NOT NULL,
  priority integer NOT NULL,
  station_id text NOT NULL REFERENCES stations(id),
  lat double precision NOT NULL,
  lon double precision NOT NULL,
  place text NOT NULL,
  note text NOT NULL,
  plate text,
  camera_id text REFERENCES cameras(id),
  alarm_id integer,
  reported_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  outcome text,
  suspects_caught integer NOT NULL DEFAULT 0,
  timeline jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX incidents_open ON incidents(status, station_id);
CREATE TABLE alarms (
  id serial PRIMARY KEY,
  device_id text NOT NULL REFERENCES alarm_devices(id),
  kind text NOT NULL,
  status text NOT NULL,
  priority integer NOT NULL,
  station_id text NOT NULL REFERENCES stations(id),
  count integer NOT NULL DEFAULT 1,
  raised_at timestamptz NOT NULL DEFAULT now(),
  last_at timestamptz NOT NULL DEFAULT now(),
  overdue boolean NOT NULL DEFAULT false,
  ack_by text,
  ack_at timestamptz,
  closed_by text,
  closed_at timestamptz,
  dismiss_reason text,
  incident_id integer REFERENCES incidents(id),
  camera_ids jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX alarms_open_device ON alarms(device_id, kind, last_at) WHERE status IN ('new', 'acknowledged');
CREATE INDEX alarms_status ON alarms(status, station_id);
CREATE TABLE orders (
  id serial PRIMARY KEY,
  incident_id integer NOT NULL REFERENCES incidents(id),
  unit_id text NOT NULL REFERENCES units(id),
  task text NOT NULL,
  status text NOT NULL,
  note text NOT NULL,
  issued_by text NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_unit ON orders(unit_id, status);
`,
  },
  {
    version: 4,
    name: 'patrol-log',
    sql: `
-- What each officer watched and for how long (online patrol), as reported by the video wall.
CREATE TABLE patrol_log (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  camera_id text NOT NULL REFERENCES cameras(id),
  station_id text NOT NULL,
  stream text NOT NULL,
  tour text,
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  CHECK (ended_at >= started_at)
);
CREATE INDEX patrol_log_user ON patrol_log(username, started_at);
CREATE INDEX patrol_log_camera ON patrol_log(camera_id, started_at);
`,
  },
  {
    version: 5,
    name: 'camera-position-index',
    sql: `
-- Cameras near a point (alarm camera selection) are found by a latitude range first.
CREATE INDEX cameras_lat_lon ON cameras(lat, lon);
`,
  },
  {
    version: 6,
    name: 'saved-views',
    sql: `
-- Named wall layouts and patrol tours, per user (they follow the officer to any workstation).
CREATE TABLE saved_views (
  username text NOT NULL REFERENCES users(username) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('layout', 'tour')),
  name text NOT NULL,
  body jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (username, kind, name)
);
`,
  },
  {
    version: 7,
    name: 'sign-in-failures',
    sql: `
-- Failed sign-ins per (name, client address), for any name tried, known or not: a stranger's
-- failures lock that name for the stranger's address only, never for the user's own workstation.
CREATE TABLE login_failures (
  username text NOT NULL,
  address text NOT NULL,
  failures integer NOT NULL,
  since timestamptz NOT NULL,
  locked_until timestamptz,
  PRIMARY KEY (username, address)
);
CREATE INDEX login_failures_since ON login_failures(since);
-- Addresses an account signed in from: they stay open when many addresses attack the account.
CREATE TABLE login_known_addresses (
  username text NOT NULL REFERENCES users(username) ON DELETE CASCADE,
  address text NOT NULL,
  last_ok_at timestamptz NOT NULL,
  PRIMARY KEY (username, address)
);
-- Replaced by login_failures (a lock per account locked its user out from everywhere).
ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;
`,
  },
  {
    version: 8,
    name: 'device-nonces',
    sql: `
-- Nonces of signed device requests while their timestamps can still pass the clock-skew check:
-- a replayed report is refused, after a restart too. Small (pruned every minute), so no index
-- beyond the key every insert needs.
CREATE TABLE device_nonces (
  device_id text NOT NULL,
  nonce text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (device_id, nonce)
);
`,
  },
  {
    version: 9,
    name: 'media-views',
    sql: `
-- When the gateway actually delivered a camera's video to a user (HLS segments served, WS-FLV
-- relayed): the server's own record that patrol-log durations and proof of watching rest on.
CREATE TABLE media_views (
  id uuid PRIMARY KEY,
  username text NOT NULL,
  camera_id text NOT NULL,
  stream text NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  CHECK (ended_at >= started_at)
);
CREATE INDEX media_views_user_camera ON media_views(username, camera_id, started_at);
`,
  },
];

/** Bring the schema up to date; safe when several gateways start at once (advisory lock). */
export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(7365001)');
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await tx.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    const applied: number[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      for (const stmt of splitStatements(m.sql)) await tx.query(stmt);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return applied;
  });
}

// Statements are run one by one inside the transaction: extended-protocol queries take one each.
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
