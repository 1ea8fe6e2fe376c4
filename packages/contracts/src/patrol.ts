import { type Static, Type } from '@sinclair/typebox';
import { GbId } from './domain.js';
import { literals } from './literals.js';
import { STREAM_KINDS } from './media.js';

/**
 * What the video wall reports for the audit log (stored as `wall.<action>`): layout changes and
 * the course of a tour. Saving a layout or tour is audited by the gateway's own views routes.
 */
export const WALL_ACTIONS = [
  'layout.change',
  'tour.start',
  'tour.pause',
  'tour.resume',
  'tour.stop',
] as const;
export type WallAction = (typeof WALL_ACTIONS)[number];

/** One stretch of watching one camera in one wall tile (the patrol log). */
export const PatrolLogEntry = Type.Object(
  {
    cameraId: GbId,
    stream: literals(STREAM_KINDS),
    startedAt: Type.String({ format: 'date-time' }),
    endedAt: Type.String({ format: 'date-time' }),
    /** Name of the tour that put the camera there, if any. */
    tour: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type PatrolLogEntry = Static<typeof PatrolLogEntry>;

/** A wall or tour change, with a few details (layout, tour name, camera count). */
export const WallEvent = Type.Object(
  {
    at: Type.String({ format: 'date-time' }),
    action: literals(WALL_ACTIONS),
    details: Type.Optional(
      Type.Record(
        Type.String({ maxLength: 32 }),
        Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]),
        { maxProperties: 16 },
      ),
    ),
  },
  { additionalProperties: false },
);
export type WallEvent = Static<typeof WallEvent>;

/** The body of `POST /api/patrol-log`: viewing sessions and wall changes, sent in batches. */
export const PatrolReport = Type.Object(
  {
    entries: Type.Array(PatrolLogEntry, { maxItems: 500 }),
    events: Type.Optional(Type.Array(WallEvent, { maxItems: 200 })),
  },
  { additionalProperties: false },
);
export type PatrolReport = Static<typeof PatrolReport>;
