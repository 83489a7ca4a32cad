import { collectReferences, type MappingReferences } from '../../mapping/file/references.js';
import type { Ref } from '../../mapping/file/schema-common.js';
import type { StratsysClient } from '../../stratsys/client.js';
import { closeMatch, didYouMean, type Candidate, type Finding } from './findings.js';
import { orMessage, type ProbeData } from './probe-data.js';

/**
 * Every id (or name) in the mapping file that the tenant does not have, with a close match: an
 * error each. Keyword ids are only seen on a few sampled activities, so an unseen one is a warning.
 * Nodes not in the root's or the sample unit's node lists are asked for one by one.
 */
export async function checkMappingIds(client: StratsysClient, data: ProbeData): Promise<Finding[]> {
  const refs = collectReferences(data.mapping);
  const file = data.mapping.file;
  const findings: Finding[] = [];
  const missing = (topic: string, path: string, what: string, candidates: Candidate[], evidence: string, by: 'id' | 'name' = 'id', status: Finding['status'] = 'error') =>
    findings.push({
      topic,
      status,
      message: `${file} ${path}: ${what} ${status === 'error' ? 'is not in the tenant' : 'were not seen on the sampled activities'}${didYouMean(closeMatch(what.replace(/^[a-z ]+ /, '').replace(/"/g, ''), candidates, by))}`,
      evidence,
    });
  const scorecards = data.scorecards.map((s) => ({ id: s.Id, name: s.Name }));
  for (const ref of refs.scorecards) if (!data.scorecards.some((s) => s.Id === ref.id)) missing('mapping:scorecard', ref.path, `scorecard ${ref.id}`, scorecards, 'GET scorecards');
  for (const ref of refs.columns) {
    const columns = data.columns.filter((c) => ref.scorecardId === null || (c.ScorecardId ?? c.Scorecard?.Id) === ref.scorecardId).map((c) => ({ id: c.Id, name: c.Name }));
    if (!hasRef(ref.ref, columns))
      missing('mapping:column', ref.path, describeRef('column', ref.ref), columns, `GET scorecardcolumns/filter?scorecardId=${ref.scorecardId ?? '…'}`, ref.ref.id === null ? 'name' : 'id');
  }
  const units = data.departments.map((d) => ({ id: d.Id, name: d.Name }));
  for (const ref of dedupe(refs.units)) if (!units.some((u) => u.id === ref.id)) missing('mapping:unit', ref.path, `unit ${ref.id}`, units, 'GET departments');
  const fields = data.descriptionFields.map((f) => ({ id: f.Id, name: f.Name }));
  for (const ref of refs.descriptionFields)
    if (!hasRef(ref.ref, fields))
      missing('mapping:description-field', ref.path, describeRef('description field', ref.ref), fields, 'GET descriptionfields/filter', ref.ref.id === null ? 'name' : 'id');
  const roles = data.roles.map((r) => ({ id: r.Id, name: r.Name }));
  for (const ref of dedupe(refs.roles)) if (!roles.some((r) => r.id === ref.id)) missing('mapping:role', ref.path, `role ${ref.id}`, roles, 'GET responsibilityroles');
  const groups = data.keywordGroups.map((g) => ({ id: g.Id, name: g.Name }));
  for (const ref of refs.keywordGroups)
    if (!hasRef(ref.ref, groups))
      missing('mapping:keyword-group', ref.path, describeRef('keyword group', ref.ref), groups, 'GET keywordgroups/filter?scorecardColumnId=…', ref.ref.id === null ? 'name' : 'id');
  checkKeywords(refs, data, missing);
  findings.push(...(await checkNodes(client, refs, data, file)));
  findings.push(...(await checkReportLists(client, refs, file)));
  if (findings.length === 0)
    findings.push({
      topic: 'mapping:ids',
      status: 'ok',
      message: `every scorecard, column, unit, node, description field, role and keyword group that ${file} names exists in the tenant`,
      evidence: 'the lists above',
    });
  return findings;
}

type Missing = (topic: string, path: string, what: string, candidates: Candidate[], evidence: string, by?: 'id' | 'name', status?: Finding['status']) => void;

/**
 * Keyword ids cannot be listed (only read per node), so the ids the mapping names are compared with
 * those seen on the sampled activities: one warning lists the unseen ones, with close matches.
 */
function checkKeywords(refs: MappingReferences, data: ProbeData, missing: Missing): void {
  const seen = data.seenKeywords.map((k) => ({ id: k.Id, name: k.Name }));
  if (seen.length === 0) return;
  const unseen = refs.keywords.filter((ref) => (ref.id !== null ? !seen.some((k) => k.id === ref.id) : !seen.some((k) => k.name?.toLowerCase() === ref.name?.toLowerCase())));
  const shown = [...new Set(unseen.map((ref) => `${ref.id ?? `"${ref.name}"`} (${ref.path})`))];
  if (shown.length === 0) return;
  missing(
    'mapping:keyword',
    `${shown.length} keyword references`,
    `keywords ${shown.join(', ')}`,
    [],
    `keyword ids can only be read per node: ${seen.length} keywords seen on ${data.sampledActivities} sampled activities (${seen.map((k) => `${k.id} "${k.name}"`).join(', ')}); check the others in Stratsys`,
    'id',
    'warning',
  );
}

async function checkNodes(client: StratsysClient, refs: MappingReferences, data: ProbeData, file: string): Promise<Finding[]> {
  const known = new Map<string, string>();
  for (const nodes of [...data.rootNodes.values(), ...data.sampleNodes.values()]) for (const node of nodes) known.set(node.Id, node.Name);
  for (const rows of data.rows.values()) for (const row of typeof rows === 'string' ? [] : rows) known.set(row.Id, row.Name);
  const candidates = [...known].map(([id, name]) => ({ id, name }));
  const findings: Finding[] = [];
  for (const ref of dedupeNodes(refs.nodes)) {
    if (known.has(ref.id)) continue;
    const departmentId = ref.departmentId ?? data.rootId ?? '';
    const direct = await orMessage(() => client.node(ref.scorecardId, departmentId, ref.id));
    if (typeof direct !== 'string') continue;
    findings.push({
      topic: 'mapping:node',
      status: 'error',
      message: `${file} ${ref.path}: node ${ref.id} is not in the tenant${didYouMean(closeMatch(ref.id, candidates))}`,
      evidence: `GET scorecards/${ref.scorecardId}/departments/${departmentId}/nodes/${ref.id}: ${direct}`,
    });
  }
  return findings;
}

async function checkReportLists(client: StratsysClient, refs: MappingReferences, file: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const ref of refs.reportLists) {
    const rows = await orMessage(() => client.reportList(ref.reportListId, ref.user));
    if (typeof rows === 'string')
      findings.push({
        topic: 'mapping:report-list',
        status: 'error',
        message: `${file} ${ref.path}: report list ${ref.reportListId} of user ${ref.user} cannot be read`,
        evidence: `GET stratsys-apps/reportlists/${ref.reportListId}/users/…: ${rows}`,
      });
  }
  return findings;
}

function hasRef(ref: Ref, candidates: Candidate[]): boolean {
  return ref.id !== null ? candidates.some((c) => c.id === ref.id) : candidates.some((c) => (c.name ?? '').trim().toLowerCase() === (ref.name ?? '').trim().toLowerCase());
}

function describeRef(kind: string, ref: Ref): string {
  return ref.id !== null ? `${kind} ${ref.id}` : `${kind} "${ref.name}"`;
}

function dedupe<T extends { id: string }>(items: T[]): T[] {
  return [...new Map(items.map((item) => [item.id, item])).values()];
}

function dedupeNodes<T extends { id: string; departmentId: string | null }>(items: T[]): T[] {
  return [...new Map(items.map((item) => [`${item.id}/${item.departmentId ?? ''}`, item])).values()];
}
