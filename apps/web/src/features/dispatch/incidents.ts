import type { Incident, Order } from '@onpatrol/contracts';
import { incidentClosed } from '../ops-feed/opsState';

/** Incidents still being worked (open, dispatched, on scene) by priority, then the oldest first. */
export function activeIncidents(incidents: Readonly<Record<number, Incident>>): Incident[] {
  return Object.values(incidents)
    .filter((i) => !incidentClosed(i))
    .sort(
      (a, b) => a.priority - b.priority || Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id - b.id,
    );
}

/** When units were first sent to the incident (null before any dispatch). */
export function firstDispatchAt(incident: Incident): string | null {
  return incident.timeline.find((e) => e.action === 'dispatched')?.at ?? null;
}

/** The orders given for an incident, newest first. */
export function ordersFor(orders: Readonly<Record<number, Order>>, incidentId: number): Order[] {
  return Object.values(orders)
    .filter((o) => o.incidentId === incidentId)
    .sort((a, b) => b.id - a.id);
}
