/**
 * `JSON.stringify(value, null, 2)` made in parts of about `partChars` characters, so a large
 * document (a run's `evaluation.json`) is written to its file without the whole text in memory.
 * Objects and arrays down to `depth` levels are written member by member; what lies deeper is
 * stringified whole, a member at a time. The parts joined are exactly JSON.stringify's text.
 */
export function* prettyJsonParts(value: unknown, options: { depth?: number; partChars?: number } = {}): Generator<string> {
  const depth = options.depth ?? 3;
  const partChars = options.partChars ?? 64 * 1024;
  let part = '';
  for (const piece of pieces(jsonValue(value, ''), 0, depth)) {
    part += piece;
    if (part.length >= partChars) {
      yield part;
      part = '';
    }
  }
  if (part.length > 0) yield part;
}

const INDENT = '  ';

/** The value JSON.stringify writes for `value` under `key`: what its toJSON gives, unboxed when a boxed primitive. */
function jsonValue(value: unknown, key: string): unknown {
  let out = value;
  if (out !== null && typeof out === 'object' && typeof (out as { toJSON?: unknown }).toJSON === 'function') out = (out as { toJSON(key: string): unknown }).toJSON(key);
  if (out instanceof Number || out instanceof String || out instanceof Boolean) out = out.valueOf();
  return out;
}

/** The pieces of `value` (already through jsonValue) at `level`. */
function* pieces(value: unknown, level: number, depth: number): Generator<string> {
  if (level >= depth || value === null || typeof value !== 'object') {
    yield whole(value, level);
    return;
  }
  const inner = `\n${INDENT.repeat(level + 1)}`;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    for (let i = 0; i < value.length; i += 1) {
      yield i === 0 ? `[${inner}` : `,${inner}`;
      // An element JSON cannot write (undefined, a function) is written null, as JSON.stringify does.
      const element = jsonValue(value[i], String(i));
      if (isOmitted(element)) yield 'null';
      else yield* pieces(element, level + 1, depth);
    }
    yield `\n${INDENT.repeat(level)}]`;
    return;
  }
  let first = true;
  for (const [key, own] of Object.entries(value)) {
    const member = jsonValue(own, key);
    if (isOmitted(member)) continue;
    yield `${first ? '{' : ','}${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* pieces(member, level + 1, depth);
  }
  yield first ? '{}' : `\n${INDENT.repeat(level)}}`;
}

/** A value JSON leaves out of an object (and writes null in an array). */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

/** The value stringified whole, indented as it is at `level`. */
function whole(value: unknown, level: number): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return level === 0 ? text : text.replace(/\n/g, `\n${INDENT.repeat(level)}`);
}
