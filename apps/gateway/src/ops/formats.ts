import { FormatRegistry } from '@sinclair/typebox';

// TypeBox's own compiler (used for socket commands and signed device bodies) knows no string
// formats until they are registered; Fastify's ajv knows them through ajv-formats.
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set(
    'date-time',
    (v) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) &&
      !Number.isNaN(Date.parse(v)),
  );
}
