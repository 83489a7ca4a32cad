/**
 * Permalinks to Stratsys from the mapping's `links.node` template (see src/mapping/file/schema-links.ts).
 * Pure.
 */

/** Builds the link of a node in a unit, or null when no template is configured. */
export type NodeLinker = (node: { nodeId: string; unitId: string; scorecardId?: string | null }) => string | null;

/** The scheme and host of a base URL (`https://www.stratsys.se`), or null when it is not a URL. */
export function originOf(baseUrl: string | null | undefined): string | null {
  if (!baseUrl || !URL.canParse(baseUrl)) return null;
  return new URL(baseUrl).origin;
}

/**
 * A linker for `template`: placeholders are filled URL-encoded (`{origin}` as is). Returns a linker
 * that gives null for every node when there is no template, or when it needs `{origin}` and none is
 * known (a report made without a Stratsys address).
 */
export function createNodeLinker(template: string | null | undefined, origin: string | null): NodeLinker {
  if (!template || (template.includes('{origin}') && origin === null)) return () => null;
  return ({ nodeId, unitId, scorecardId }) =>
    template.replace(/\{(origin|nodeId|unitId|scorecardId)\}/g, (_, name: string) => {
      if (name === 'origin') return origin ?? '';
      const value = name === 'nodeId' ? nodeId : name === 'unitId' ? unitId : (scorecardId ?? '');
      return encodeURIComponent(value);
    });
}
