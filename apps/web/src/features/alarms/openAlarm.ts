import type { Alarm } from '@onpatrol/contracts';
import { useMapFocus } from '../map/focusStore';
import { placeOnWall } from '../wall/grid/placeOnWall';
import { useAlarmSelection } from './alarmSelection';

/**
 * Open an alarm from the queue: the map flies to the alarm point and the cameras that see it come
 * up on the video wall (the domain's "the cameras that see the spot come up"), best first.
 */
export function openAlarm(alarm: Alarm): void {
  useAlarmSelection.getState().select(alarm.id);
  useMapFocus.getState().flyTo(alarm.lat, alarm.lon, 18);
  for (const id of alarm.cameraIds) placeOnWall(id);
}
