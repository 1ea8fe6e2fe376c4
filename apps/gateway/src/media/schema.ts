import { GbId } from '@onpatrol/contracts';
import { Type } from '@sinclair/typebox';

const StreamKindSchema = Type.Union([Type.Literal('main'), Type.Literal('sub')]);

export const LiveQuery = Type.Object({ stream: Type.Optional(StreamKindSchema) });

/** exp/sig are checked by the handler so that every signature problem is a 403. */
export const SignedQuery = Type.Object({
  exp: Type.Optional(Type.String({ maxLength: 20 })),
  sig: Type.Optional(Type.String({ maxLength: 100 })),
});

export const HlsParams = Type.Object({
  cameraId: GbId,
  stream: StreamKindSchema,
  file: Type.String({ pattern: '^(index\\.m3u8|seg_[0-9]{1,12}\\.ts)$' }),
});
