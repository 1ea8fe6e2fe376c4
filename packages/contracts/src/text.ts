import { type StringOptions, Type } from '@sinclair/typebox';

// Characters no stored text may hold: C0 and C1 controls and DEL, and invisible characters that
// hide or reorder what an operator reads (zero-width space, word joiner, byte-order mark, line
// and paragraph separators, bidirectional embeddings, overrides and isolates).
const INVISIBLE = '\\u200b\\u2028\\u2029\\u202a-\\u202e\\u2060\\u2066-\\u2069\\ufeff';
const LINE_UNSAFE = `\\u0000-\\u001f\\u007f-\\u009f${INVISIBLE}`;
const TEXT_UNSAFE = `\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f${INVISIBLE}`;

/** JSON-schema pattern of a one-line text field (no control or invisible characters). */
export const SAFE_LINE_PATTERN = `^[^${LINE_UNSAFE}]*$`;
/** JSON-schema pattern of a free-text field: as a line, but tab and line breaks are allowed. */
export const SAFE_TEXT_PATTERN = `^[^${TEXT_UNSAFE}]*$`;

const LINE_RE = new RegExp(`[${LINE_UNSAFE}]`, 'u');
const TEXT_RE = new RegExp(`[${TEXT_UNSAFE}]`, 'u');

/** A one-line text field that refuses control and invisible characters. */
export const SafeLine = (opts: StringOptions = {}) => Type.String({ ...opts, pattern: SAFE_LINE_PATTERN });
/** A free-text (multi-line) field that refuses control and invisible characters. */
export const SafeText = (opts: StringOptions = {}) => Type.String({ ...opts, pattern: SAFE_TEXT_PATTERN });

/**
 * Where `value` holds a character stored text may not: "U+0007 at character 12" (1-based), or
 * null when it holds none. `multiline` allows tab and line breaks.
 */
export function unsafeCharacter(value: string, multiline = false): string | null {
  const m = (multiline ? TEXT_RE : LINE_RE).exec(value);
  if (!m) return null;
  const code = m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return `U+${code} at character ${[...value.slice(0, m.index)].length + 1}`;
}
