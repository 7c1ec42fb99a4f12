/**
 * Nesting depth of a JSON document, checked on the raw bytes before `JSON.parse`.
 * V8 parses a 1,000,000-deep array without a stack overflow but spends hundreds of ms on it,
 * and anything recursive afterwards (serialisers, log scrubbers, error reporters) could then
 * blow the stack. One linear pass over the bytes, stopping at the first level too deep.
 * Multi-byte UTF-8 sequences never contain ASCII bytes, so scanning bytes is exact.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/** True when arrays/objects in `raw` nest deeper than `max` (the top-level value is depth 1). */
export function jsonDepthExceeds(raw: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > max) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      depth--;
    }
  }
  return false;
}
