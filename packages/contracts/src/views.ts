import { type Static, type TObject, type TProperties, Type } from '@sinclair/typebox';
import { GbId } from './domain.js';
import { SAFE_LINE_PATTERN } from './text.js';

/** Wall layouts an officer can pick: 1, 4, 9, 16 or 25 tiles. */
export const WALL_LAYOUTS = [1, 4, 9, 16, 25] as const;
export const MAX_WALL_TILES = 25;
export const TOUR_DWELL_SEC = { min: 5, max: 3600 } as const;
export const MAX_TOUR_CAMERAS = 500;
/** Saved layouts, and saved tours, one user may keep. */
export const MAX_SAVED_VIEWS = 100;

/** The name a layout or tour is saved under (path parameter): no control characters, no slash. */
export const ViewName = Type.String({
  minLength: 1,
  maxLength: 40,
  // A safe line without '/': the same character class plus the slash.
  pattern: SAFE_LINE_PATTERN.replace(']*$', '/]+$'),
  description: 'name of the saved layout or tour (1–40 characters)',
});

export const WallLayoutBody = Type.Object(
  {
    layout: Type.Union(WALL_LAYOUTS.map((n) => Type.Literal(n))),
    /** The camera of each slot, in order; null for an empty tile. */
    cameras: Type.Array(Type.Union([GbId, Type.Null()]), { maxItems: MAX_WALL_TILES }),
  },
  { additionalProperties: false },
);
export type WallLayoutBody = Static<typeof WallLayoutBody>;

/** What the gateway lists of a body saved under a name: the name, when, and the body itself. */
const savedUnderName = <T extends TProperties>(body: TObject<T>) =>
  Type.Object({
    name: Type.String(),
    updatedAt: Type.String({ format: 'date-time' }),
    ...body.properties,
  });

/** A wall arrangement saved under a name by one user. */
export const SavedLayout = savedUnderName(WallLayoutBody);
export type SavedLayout = Static<typeof SavedLayout>;

export const TourBody = Type.Object(
  {
    cameraIds: Type.Array(GbId, { minItems: 1, maxItems: MAX_TOUR_CAMERAS }),
    dwellSec: Type.Integer({ minimum: TOUR_DWELL_SEC.min, maximum: TOUR_DWELL_SEC.max }),
  },
  { additionalProperties: false },
);
export type TourBody = Static<typeof TourBody>;

/** An online-patrol tour saved under a name by one user: cameras in order and a dwell time. */
export const SavedTour = savedUnderName(TourBody);
export type SavedTour = Static<typeof SavedTour>;
