import type { PatrolLogEntry } from '@onpatrol/contracts';
import { useEffect } from 'react';
import { api } from '../../../api/client';
import { browserStorage } from '../../../lib/namedList';
import { PatrolLog, type PatrolView } from './patrolLog';
import { PatrolLogSync, type PatrolLogTransport } from './patrolLogSync';

const FLUSH_MS = 30_000;
const MAX_KEPT = 1000;

/** The screen's patrol log: tiles open and close their sessions here. */
export const patrolLog = new PatrolLog(Date.now, MAX_KEPT);

function transport(username: string): PatrolLogTransport {
  const key = `onpatrol.patrolLog.${username}`;
  return {
    post: (entries) => api.patrolLog(entries),
    beacon: (entries) =>
      navigator.sendBeacon(
        api.patrolLogUrl,
        new Blob([JSON.stringify({ entries })], { type: 'application/json' }),
      ),
    load: () => {
      try {
        const parsed: unknown = JSON.parse(browserStorage()?.getItem(key) ?? '[]');
        return Array.isArray(parsed) ? (parsed as PatrolLogEntry[]).slice(-MAX_KEPT) : [];
      } catch {
        return [];
      }
    },
    save: (entries) => {
      try {
        if (entries.length === 0) browserStorage()?.removeItem(key);
        else browserStorage()?.setItem(key, JSON.stringify(entries.slice(-MAX_KEPT)));
      } catch {
        // storage unavailable: these entries are lost, which must not disturb the officer
      }
    },
  };
}

/** Send the patrol log every 30 s and when the page goes away, for the signed-in `username`. */
export function usePatrolLog(username: string | null): void {
  useEffect(() => {
    if (!username) return;
    const sync = new PatrolLogSync(patrolLog, transport(username));
    sync.start();
    const timer = window.setInterval(() => void sync.flush(), FLUSH_MS);
    const onHide = () => sync.unload();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('pagehide', onHide);
      sync.stop();
    };
  }, [username]);
}

/** Keep a tile's view session open while `view` is set; `tile` names the tile. */
export function usePatrolSession(tile: string, view: PatrolView | null): void {
  const cameraId = view?.cameraId;
  const stream = view?.stream;
  const tour = view?.tour;
  useEffect(() => {
    if (!cameraId || !stream) return;
    patrolLog.begin(tile, { cameraId, stream, ...(tour ? { tour } : {}) });
    return () => patrolLog.end(tile);
  }, [tile, cameraId, stream, tour]);
}
