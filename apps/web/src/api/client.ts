import type {
  Alarm,
  AlarmDevice,
  AuditItem,
  AuditVerification,
  Basemap,
  CameraBulk,
  CameraDetail,
  ClientConfig,
  ErrorBody,
  ImportRejected,
  ImportResult,
  Incident,
  LiveUrls,
  LoginBody,
  Me,
  Order,
  PageOf,
  PatrolLogEntry,
  RankedUnit,
  SavedLayout,
  SavedTour,
  Site,
  Station,
  StatsRow,
  StreamKind,
  TourBody,
  Unit,
  UnitOrder,
  WallEvent,
  WallLayoutBody,
} from '@onpatrol/contracts';

/**
 * A failed request. `kind` separates "server said no" (http, with the gateway's message) from
 * "no answer" (network) and "unreadable answer" (parse), which the UI words differently.
 */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly kind: 'http' | 'network' | 'parse',
    readonly status: number,
    message: string,
    readonly body?: ErrorBody,
  ) {
    super(message);
  }
}

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler | null = null;

/** Register what happens when any call (other than sign-in) finds the session gone. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  onUnauthorized = handler;
}

async function send(method: string, path: string, body?: BodyInit, contentType?: string): Promise<Response> {
  try {
    return await fetch(path, {
      method,
      body,
      credentials: 'same-origin',
      headers: { accept: 'application/json', ...(contentType ? { 'content-type': contentType } : {}) },
    });
  } catch (e) {
    throw new ApiError('network', 0, e instanceof Error ? e.message : String(e));
  }
}

async function failure(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text) as ErrorBody;
    if (typeof body.message === 'string') return new ApiError('http', res.status, body.message, body);
  } catch {
    // not JSON: fall through to a generic error
  }
  return new ApiError('parse', res.status, text.slice(0, 200) || res.statusText);
}

async function request<T>(method: string, path: string, json?: unknown): Promise<T> {
  const res = await send(
    method,
    path,
    json === undefined ? undefined : JSON.stringify(json),
    // No body, no content type: Fastify refuses an empty body declared as JSON.
    json === undefined ? undefined : 'application/json',
  );
  if (!res.ok) {
    if (res.status === 401 && path !== '/api/auth/login') onUnauthorized?.();
    throw await failure(res);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError('parse', res.status, text.slice(0, 200));
  }
}

const get = <T>(path: string) => request<T>('GET', path);

/** Outcome of a camera CSV import: accepted with counts, or rejected with the offending cells. */
export type ImportOutcome = { ok: true; result: ImportResult } | { ok: false; rejected: ImportRejected };

/** The one typed client of the gateway's REST API (same origin, cookie session). */
export const api = {
  me: () => get<Me>('/api/auth/me'),
  login: (body: LoginBody) => request<Me>('POST', '/api/auth/login', body),
  logout: () => request<void>('POST', '/api/auth/logout', {}),
  config: () => get<ClientConfig>('/api/config'),
  basemap: () => get<Basemap>('/api/basemap'),
  stations: () => get<Station[]>('/api/stations'),
  sites: () => get<PageOf<Site>>('/api/sites?limit=10000'),
  cameraBulk: () => get<CameraBulk>('/api/cameras/bulk'),
  alarmDevices: () => get<PageOf<AlarmDevice>>('/api/alarm-devices?limit=10000'),
  camera: (id: string) => get<CameraDetail>(`/api/cameras/${encodeURIComponent(id)}`),
  /** Start (or join) a camera stream: signed HLS and WS-FLV URLs, valid for a few minutes. */
  live: (id: string, stream: StreamKind) =>
    get<LiveUrls>(`/api/cameras/${encodeURIComponent(id)}/live?stream=${stream}`),
  /** What the officer watched (the wall's view sessions). */
  patrolLog: (entries: PatrolLogEntry[]) => request<void>('POST', '/api/patrol-log', { entries }),
  /** The signed-in user's named wall layouts and patrol tours (each call returns the whole list). */
  views: {
    layouts: () => get<SavedLayout[]>('/api/me/layouts'),
    saveLayout: (name: string, body: WallLayoutBody) =>
      request<SavedLayout[]>('PUT', `/api/me/layouts/${encodeURIComponent(name)}`, body),
    deleteLayout: (name: string) =>
      request<SavedLayout[]>('DELETE', `/api/me/layouts/${encodeURIComponent(name)}`),
    tours: () => get<SavedTour[]>('/api/me/tours'),
    saveTour: (name: string, body: TourBody) =>
      request<SavedTour[]>('PUT', `/api/me/tours/${encodeURIComponent(name)}`, body),
    deleteTour: (name: string) => request<SavedTour[]>('DELETE', `/api/me/tours/${encodeURIComponent(name)}`),
  },
  /** Wall and tour changes for the audit log. */
  wallEvents: (events: WallEvent[]) => request<void>('POST', '/api/patrol-log', { entries: [], events }),

  /** Send a CSV file's raw bytes; the gateway detects UTF-8 or GBK itself. */
  async importCameras(file: Blob): Promise<ImportOutcome> {
    const res = await send('POST', '/api/import/cameras', file, 'text/csv');
    if (res.ok) return { ok: true, result: (await res.json()) as ImportResult };
    if (res.status === 401) onUnauthorized?.();
    if (res.status !== 422) throw await failure(res);
    const text = await res.text();
    let body: ImportRejected | null = null;
    try {
      body = JSON.parse(text) as ImportRejected;
    } catch {
      throw new ApiError('parse', res.status, text.slice(0, 200));
    }
    if (Array.isArray(body.issues)) return { ok: false, rejected: body };
    throw new ApiError('http', res.status, body.message, body);
  },

  /** Operations (alarms, incidents, dispatch, results); changes go over the socket as commands. */
  ops: {
    alarms: (status?: Alarm['status']) => get<Alarm[]>(`/api/alarms${status ? `?status=${status}` : ''}`),
    incidents: (status?: Incident['status'] | 'active') =>
      get<Incident[]>(`/api/incidents${status ? `?status=${status}` : ''}`),
    incident: (id: number) => get<Incident>(`/api/incidents/${id}`),
    /** Units ranked by travel estimate to the incident, available first. */
    incidentUnits: (id: number) => get<RankedUnit[]>(`/api/incidents/${id}/units`),
    units: () => get<Unit[]>('/api/units'),
    orders: () => get<Order[]>('/api/orders'),
    /** The signed-in street unit's open orders, each with its incident (the unit page's start). */
    myOrders: () => get<UnitOrder[]>('/api/units/me/orders'),
    /** `query` from statsQuery(): group, from, to. */
    stats: (query: string) => get<StatsRow[]>(`/api/stats?${query}`),
    statsCsvUrl: (query: string) => `/api/stats.csv?${query}`,
    /** `query`: actor, target, station, action, from, to (ISO times). */
    audit: (query: string) => get<PageOf<AuditItem>>(`/api/audit?${query}`),
    auditCsvUrl: (query: string) => `/api/audit/export.csv?${query}`,
    /** The audit chain and the signed checkpoints of its head, checked by the gateway. */
    auditVerify: () => get<AuditVerification>('/api/audit/verify'),
  },

  /** Download links (plain GETs carry the session cookie). */
  exports: {
    camerasCsv: '/api/export/cameras.csv',
    registryGeojson: '/api/export/registry.geojson',
  },
  /** Where the page-hide beacon of the patrol log goes (sendBeacon cannot use `request`). */
  patrolLogUrl: '/api/patrol-log',
} as const;
