import { Role, SafeLine } from '@onpatrol/contracts';
import { Type } from '@sinclair/typebox';

const username = Type.String({
  pattern: '^[a-z][a-z0-9_.-]{2,31}$',
  description: '3-32 characters: a-z 0-9 _ . -',
});
const stationNo = Type.Union([Type.Integer({ minimum: 1, maximum: 99 }), Type.Null()]);
const expiresAt = Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
  description: 'The grant ends at this instant (null: no end)',
});

export const UserView = Type.Object({
  username: Type.String(),
  displayName: Type.String(),
  role: Role,
  stationNo,
  disabled: Type.Boolean(),
  expiresAt: Type.Union([Type.String(), Type.Null()]),
  /** The latest end of the account's active sign-in locks (null: none). */
  lockedUntil: Type.Union([Type.String(), Type.Null()]),
  /** Active sign-in locks, one per client address that failed too often (unlock clears all). */
  locks: Type.Array(Type.Object({ address: Type.String(), until: Type.String() })),
});

export const NewUserBody = Type.Object(
  {
    username,
    displayName: SafeLine({ minLength: 1, maxLength: 64 }),
    role: Role,
    stationNo: Type.Optional(stationNo),
    password: Type.String({ minLength: 12, maxLength: 256 }),
    expiresAt: Type.Optional(expiresAt),
  },
  { additionalProperties: false },
);

export const UserPatchBody = Type.Object(
  {
    displayName: Type.Optional(SafeLine({ minLength: 1, maxLength: 64 })),
    role: Type.Optional(Role),
    stationNo: Type.Optional(stationNo),
    disabled: Type.Optional(Type.Boolean()),
    password: Type.Optional(Type.String({ minLength: 12, maxLength: 256 })),
    expiresAt: Type.Optional(expiresAt),
    /** Clear the account's sign-in locks and failure counts, from every address. */
    unlock: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const UsernameParams = Type.Object({ username });
