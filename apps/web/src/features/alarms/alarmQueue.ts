import type { Alarm } from '@onpatrol/contracts';
import { between } from '../../ui/time';

/** Waiting for the duty officer: not yet dismissed or escalated. */
export const isOpen = (a: Alarm) => a.status === 'new' || a.status === 'acknowledged';

/**
 * The queue order: priority first (1 is the most urgent), then age (the longest waiting first),
 * then id so equal alarms keep a stable place while the list re-renders.
 */
export function compareAlarms(a: Alarm, b: Alarm): number {
  return a.priority - b.priority || Date.parse(a.raisedAt) - Date.parse(b.raisedAt) || a.id - b.id;
}

const openOf = new WeakMap<Readonly<Record<number, Alarm>>, readonly Alarm[]>();

/**
 * Open alarms in queue order, sorted once per alarm record: the store replaces the record on every
 * change, and the queue, the map overlay (redrawn whenever a unit moves) and the dispatch board
 * all ask for the same list.
 */
export function openAlarms(alarms: Readonly<Record<number, Alarm>>): readonly Alarm[] {
  let list = openOf.get(alarms);
  if (!list) {
    list = Object.values(alarms).filter(isOpen).sort(compareAlarms);
    openOf.set(alarms, list);
  }
  return list;
}

/**
 * The first `limit` alarms of the queue, plus the opened one wherever it stands (`head`), and the
 * others (`rest`). In an alarm storm the queue renders the head as rows and counts the rest, and
 * the map draws the head as pulsing rings and the rest as plain dots.
 */
export function headOfQueue(
  list: readonly Alarm[],
  limit: number,
  selected: number | null,
): { head: Alarm[]; rest: Alarm[] } {
  const head = list.slice(0, limit);
  const rest: Alarm[] = [];
  for (const a of list.slice(limit)) (a.id === selected ? head : rest).push(a);
  return { head, rest };
}

/** Open alarms nobody acknowledged in time (they are on the shift leader's board too). */
export function overdueAlarms(alarms: Readonly<Record<number, Alarm>>): Alarm[] {
  return openAlarms(alarms).filter((a) => a.overdue && a.status === 'new');
}

/** How long the acknowledgement took, formatted ('' before it). */
export function ackTime(a: Alarm): string {
  return between(a.raisedAt, a.ackAt);
}

/** Numbers for the queue header and the navigation badge. */
export function queueCounts(alarms: readonly Alarm[]): {
  fresh: number;
  acknowledged: number;
  overdue: number;
} {
  let fresh = 0;
  let acknowledged = 0;
  let overdue = 0;
  for (const a of alarms) {
    if (a.status === 'new') fresh++;
    else if (a.status === 'acknowledged') acknowledged++;
    if (a.overdue && a.status === 'new') overdue++;
  }
  return { fresh, acknowledged, overdue };
}
