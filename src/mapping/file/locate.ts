import { isMap, isScalar, isSeq, visit, type Document, type LineCounter, type Node, type Pair, type YAMLMap } from 'yaml';

/** A 1-based line and column in a YAML file. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Finds the line of a document path: the key of the deepest map entry (or the sequence item) the
 * path reaches. A path into something absent (a missing key) stops at the nearest existing parent.
 * `found` tells whether the whole path exists.
 */
export function locatePath(doc: Document, lineCounter: LineCounter, path: ReadonlyArray<PropertyKey>): { position: Position | null; found: boolean } {
  let node: unknown = doc.contents;
  let anchor: Node | null = isNode(node) ? node : null;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = pairsByKey(node).get(String(segment));
      if (pair === undefined) return { position: positionOf(anchor, lineCounter), found: false };
      anchor = isNode(pair.key) ? pair.key : anchor;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
      anchor = isNode(node) ? node : anchor;
    } else {
      return { position: positionOf(anchor, lineCounter), found: false };
    }
  }
  return { position: positionOf(anchor, lineCounter), found: true };
}

const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();

/** A map's pairs by key text (the first of equal keys), built once per map: lookups in big maps stay O(1). */
function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = keyIndexes.get(map);
  if (index === undefined) {
    index = new Map();
    for (const item of map.items) if (isScalar(item.key) && !index.has(String(item.key.value))) index.set(String(item.key.value), item);
    keyIndexes.set(map, index);
  }
  return index;
}

/** Position of a byte offset (YAML syntax errors carry offsets). */
export function positionAt(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

function positionOf(node: Node | null, lineCounter: LineCounter): Position | null {
  const offset = node?.range?.[0];
  return offset === undefined ? null : positionAt(lineCounter, offset);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && 'range' in value;
}

/**
 * Keeps numbers that would lose information as the text written: ids with leading zeros (`0701`)
 * and integers beyond double precision. Everything else stays as YAML 1.2 reads it.
 */
export function preserveNumericText(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'number' || typeof node.source !== 'string') return;
      const source = node.source.trim();
      if (/^0\d+$/.test(source) || (/^\d+$/.test(source) && !Number.isSafeInteger(node.value))) node.value = source;
    },
  });
}
