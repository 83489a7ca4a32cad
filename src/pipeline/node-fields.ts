import type { Logger } from '../shared/logger.js';
import type { StratsysClient } from '../stratsys/client.js';
import type { Activity, DescriptionFieldValue, Keyword } from '../stratsys/schemas.js';
import { needsDescriptionFieldsOf, type PullPlan } from '../mapping/engine/pull-plan.js';

/**
 * How an activity's keywords and description fields are asked for: `combined` — one
 * `GET …/nodes/{n}?fields=keywords,descriptionfields`; `separate` — `…/nodes/{n}/keywords` and
 * `…/nodes/{n}/descriptionfields` (the reference only ever sends one `fields` value, contract 5.16).
 */
export type NodeFieldsMode = 'combined' | 'separate';

/** The outcome of the once-per-run probe, with what was seen (for logs and `check --deep`). */
export interface NodeFieldsProbe {
  mode: NodeFieldsMode;
  evidence: string;
}

/** True when the mapping reads both keywords and (some) description fields, so combining can save a request. */
export function combiningHelps(plan: Pick<PullPlan, 'expand'>): boolean {
  return plan.expand.keywords && plan.expand.descriptionFields;
}

/**
 * Whether this tenant fills both collections when asked for `fields=keywords,descriptionfields`
 * (contract 5.16): asked once per run on one reported activity and compared with the two separate
 * calls. Anything but two filled, equal answers (an error, a null collection, a difference) keeps
 * the two calls per activity.
 */
export async function probeNodeFields(client: StratsysClient, plan: Pick<PullPlan, 'expand' | 'scorecardIds'>, rows: Record<string, Activity[]>, logger: Logger): Promise<NodeFieldsProbe> {
  if (!combiningHelps(plan)) return { mode: 'separate', evidence: 'not probed: the mapping does not read both keywords and description fields' };
  const scorecardId = plan.scorecardIds.find((id) => (rows[id]?.length ?? 0) > 0);
  const row = scorecardId === undefined ? undefined : rows[scorecardId]?.[0];
  if (scorecardId === undefined || row === undefined) return { mode: 'separate', evidence: 'not probed: no activity row to probe on' };
  const where = `GET scorecards/${scorecardId}/departments/${row.DepartmentId}/nodes/${row.Id}`;
  try {
    const [node, keywords, fields] = await Promise.all([
      client.node(scorecardId, row.DepartmentId, row.Id, ['keywords', 'descriptionfields']),
      client.nodeKeywords(scorecardId, row.DepartmentId, row.Id),
      client.nodeDescriptionFields(scorecardId, row.DepartmentId, row.Id),
    ]);
    const seen = `${where}?fields=keywords,descriptionfields: Keywords ${count(node.Keywords)}, DescriptionFields ${count(node.DescriptionFields)}; …/keywords: ${keywords.length}, …/descriptionfields: ${fields.length}`;
    const same = node.Keywords !== null && node.DescriptionFields !== null && sameItems(node.Keywords, keywords) && sameItems(node.DescriptionFields, fields);
    return { mode: same ? 'combined' : 'separate', evidence: seen };
  } catch (error) {
    logger.warn({ err: error }, 'probe of fields=keywords,descriptionfields failed; asking for keywords and description fields separately');
    return { mode: 'separate', evidence: `${where}?fields=keywords,descriptionfields failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** The expansions one reported activity needs; description fields only when the mapping reads them for it. */
export interface NodeExpansions {
  keywords?: Keyword[];
  descriptionFields?: DescriptionFieldValue[];
}

/**
 * Keywords (when the mapping reads any) and description fields (only when needed for this activity,
 * see needsDescriptionFieldsOf) of one reported activity: one request in `combined` mode, else one
 * or two. A combined answer with a null collection falls back to the separate calls for that node.
 */
export async function pullExpansions(
  client: StratsysClient,
  plan: Pick<PullPlan, 'expand' | 'descriptionFieldsFor'>,
  mode: NodeFieldsMode,
  at: { scorecardId: string; departmentId: string; nodeId: string },
): Promise<NodeExpansions> {
  const { scorecardId, departmentId, nodeId } = at;
  if (mode === 'combined' && combiningHelps(plan)) {
    const node = await client.node(scorecardId, departmentId, nodeId, ['keywords', 'descriptionfields']);
    if (node.Keywords !== null && node.DescriptionFields !== null) {
      return needsDescriptionFieldsOf(plan, node.Keywords) ? { keywords: node.Keywords, descriptionFields: node.DescriptionFields } : { keywords: node.Keywords };
    }
  }
  const keywords = plan.expand.keywords ? await client.nodeKeywords(scorecardId, departmentId, nodeId) : undefined;
  if (!plan.expand.descriptionFields || !needsDescriptionFieldsOf(plan, keywords ?? [])) return keywords === undefined ? {} : { keywords };
  const descriptionFields = await client.nodeDescriptionFields(scorecardId, departmentId, nodeId);
  return keywords === undefined ? { descriptionFields } : { keywords, descriptionFields };
}

function count(items: unknown[] | null): string {
  return items === null ? 'null' : String(items.length);
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  const key = (items: readonly unknown[]) =>
    items
      .map((item) => JSON.stringify(item))
      .sort()
      .join('\n');
  return a.length === b.length && key(a) === key(b);
}
