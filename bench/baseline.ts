import type { StratsysClient } from '../src/stratsys/client.js';

/**
 * The baseline: a naive sequential client, one request at a time, the way the public .NET client is
 * used in its examples: per unit its nodes, activities, then per own activity its keywords,
 * description fields and comments, each awaited before the next. Returns requests and seconds.
 */
export async function sequentialPull(client: StratsysClient, scorecardId: string, unitIds: string[]): Promise<{ requests: number; seconds: number }> {
  const started = performance.now();
  const before = client.requestCount;
  for (const unitId of unitIds) {
    const nodes = await client.nodes(scorecardId, unitId);
    await client.activities({ scorecardId, departmentId: unitId });
    for (const node of nodes.filter((n) => n.Department.Id === unitId && n.ScorecardColumn.NodeType === 'Activity')) {
      await client.nodeKeywords(scorecardId, unitId, node.Id);
      await client.nodeDescriptionFields(scorecardId, unitId, node.Id);
      await client.comments(node.Id, unitId);
    }
  }
  return { requests: client.requestCount - before, seconds: (performance.now() - started) / 1000 };
}
