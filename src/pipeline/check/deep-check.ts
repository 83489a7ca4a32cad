import type { Logger } from '../../shared/logger.js';
import type { StratsysClient } from '../../stratsys/client.js';
import type { ProgrammeMapping } from '../../mapping/file/schema.js';
import type { DeepCheckReport, Finding } from './findings.js';
import { estimateWriteBack } from './kpis-estimate.js';
import { checkMappingIds } from './mapping-ids.js';
import { readProbeData, type ProbeData } from './probe-data.js';
import { nodeFieldsFinding, probeReadings } from './readings-probe.js';
import { combiningHelps, probeNodeFields, type NodeFieldsMode } from '../node-fields.js';

export type { DeepCheckReport, Finding } from './findings.js';

/** What `check --deep` needs besides the client. */
export interface DeepCheckInput {
  mapping: ProgrammeMapping;
  /** The year the nightly run would evaluate (its KPI values are dated 31 December of it). */
  year: number;
  /** The paced request rate (STRATSYS_MAX_RPS less its margin) and STRATSYS_MAX_CONCURRENCY, for the time estimate. */
  maxRps: number;
  maxConcurrency: number;
  logger: Logger;
}

/**
 * `stratsys-sync check --deep`: a read-only probe of the live tenant before the first run, in a few
 * dozen requests. It reports which reading of each open contract point the tenant shows (with the
 * evidence), every id of the mapping file the tenant lacks (with a close match), and an estimate of
 * the nightly run (`run --once`): its Stratsys requests and seconds.
 */
export async function deepCheck(client: StratsysClient, input: DeepCheckInput): Promise<DeepCheckReport> {
  const before = client.requestCount;
  const data = await readProbeData(client, input.mapping, input.logger);
  const rows = Object.fromEntries([...data.rows].flatMap(([id, list]) => (typeof list === 'string' ? [] : [[id, list] as const])));
  const [readings, ids, writeBack, nodeFields] = await Promise.all([
    probeReadings(client, data),
    checkMappingIds(client, data),
    estimateWriteBack(client, data, input.year),
    probeNodeFields(client, data.plan, rows, input.logger),
  ]);
  const pull = estimatePull(data, nodeFields.mode);
  const requests = pull.requests + writeBack.requests;
  const seconds = Math.ceil(Math.max(requests / input.maxRps, (requests * data.latencyMs) / 1000 / input.maxConcurrency));
  const estimate: Finding = {
    topic: 'estimate',
    status: 'ok',
    message: `the nightly run (run --once) makes about ${requests} Stratsys requests: ${pull.reference} for reference data, ${pull.units} for ${data.plan.unitIds.length} units, ${writeBack.requests} for the write-back; about ${seconds} s at ${Number(input.maxRps.toFixed(1))} requests/s and ${Math.round(data.latencyMs)} ms per request`,
    evidence: `this check made ${client.requestCount - before} requests`,
  };
  return { findings: [...readings, nodeFieldsFinding(data.plan, nodeFields), ...ids, ...writeBack.findings, estimate], estimate: { requests, seconds } };
}

/**
 * Requests of the run's pull, as src/pipeline/pull-tenant.ts and pull.ts make them: reference data
 * (application, departments, scorecards, columns and activity rows per scorecard, statuses per
 * activity column, report lists, owner role holders, each statement node's comments once, the
 * combined-fields probe), then per unit: nodes per scorecard, per reported activity its keywords
 * and description fields (one request when combined; description fields only where the mapping
 * reads them — every activity under a description-field rule, else projects, not counted here) and
 * its comments, and the reporters' role holders.
 */
export function estimatePull(data: ProbeData, nodeFields: NodeFieldsMode): { requests: number; reference: number; units: number } {
  const { plan } = data;
  const scorecards = [...data.rows.keys()].length;
  const activityColumns = data.columns.filter((column) => column.NodeType === 'Activity').length;
  const probe = combiningHelps(plan) ? 3 : 0;
  const reference = 3 + scorecards * 2 + activityColumns + plan.reportLists.length + plan.roleHolders.length + plan.commentInheritedNodeIds.length + probe;
  const fields = plan.descriptionFieldsFor.every ? 1 : 0;
  const expansions = nodeFields === 'combined' && combiningHelps(plan) ? 1 : (plan.expand.keywords ? 1 : 0) + fields;
  const perActivity = 1 + expansions;
  const planned = new Set(plan.unitIds);
  let reported = 0;
  for (const rows of data.rows.values()) for (const row of typeof rows === 'string' ? [] : rows) if (planned.has(row.DepartmentId)) reported += 1;
  const perUnit = plan.scorecardIds.length + plan.unitRoleHolders.length;
  const units = plan.unitIds.length * perUnit + reported * perActivity;
  return { requests: reference + units, reference, units };
}
