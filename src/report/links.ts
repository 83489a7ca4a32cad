import type { ProgrammeMapping } from '../mapping/file/schema.js';
import type { ReportLinks } from './model.js';
import { originOf } from './permalink.js';

/** The report's links from the mapping (`links.node`, the first statement node) and STRATSYS_BASE_URL. */
export function reportLinks(mapping: Pick<ProgrammeMapping, 'links' | 'projectStatements'>, stratsysBaseUrl: string | null): ReportLinks {
  return {
    nodeTemplate: mapping.links?.node ?? null,
    origin: originOf(stratsysBaseUrl),
    statementNodeId: mapping.projectStatements?.nodeIds[0] ?? null,
  };
}
