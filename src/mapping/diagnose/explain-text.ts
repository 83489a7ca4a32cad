import type { NodeExplanation } from './explain.js';
import type { ProgrammeMapping } from '../file/schema.js';

/** The plain-text rendering of `mappings explain` for the CLI (pure, no colours). */

/** A few aligned lines about one node: where it sits, what it carries, the rules tried, the result. */
export function formatExplanation(explanation: NodeExplanation, mapping: ProgrammeMapping): string {
  const lines = [explanation.summary];
  const node = explanation.node;
  if (node !== null) {
    lines.push('', `Node:        ${explanation.nodeId} "${node.name}" (${node.nodeType}, column ${node.columnId} "${node.columnName}", scorecard ${node.scorecardId})`);
    lines.push(`Reported by: ${node.reportedBy.join(', ') || '(no unit: no activities/filter row)'}${explanation.unitId !== null ? ` (seen from unit ${explanation.unitId})` : ''}`);
    lines.push(`Department:  ${node.ownerId} ${node.ownerName} (ScorecardNode.Department)`);
    lines.push(`Path:        ${explanation.path.map((step) => `${step.id} ${step.name}`).join(' › ') || '(top level)'}`);
    lines.push(`Keywords:    ${explanation.keywords.map((k) => `${k.id} ${k.name}${k.groupId === null ? '' : ` [${k.groupId} ${k.groupName ?? ''}]`}`).join(', ') || '(none)'}`);
    lines.push(`Fields:      ${explanation.descriptionFields.map((f) => `${f.id ?? '?'} ${f.name ?? ''} = ${JSON.stringify(f.value ?? '')}`).join('; ') || '(none)'}`);
  }
  if (explanation.trials.length > 0) lines.push('', ...formatTrials(explanation));
  const result = explanation.result;
  if (result?.mapped === true) {
    const area = mapping.focusAreas.find((candidate) => candidate.key === result.focusArea);
    lines.push('', `Focus area:  ${result.focusArea} (${area?.name ?? '?'}) by rule "${result.matchedBy}" [${result.level}]`);
    lines.push(`Goals:       ${result.goals.join(', ') || '(none)'}`);
  } else if (result?.mapped === false) {
    lines.push('', `Unmapped:    ${result.reason}`);
  }
  if (result !== null) lines.push(`Means:       ${explanation.means.join(', ') || '(none)'}`);
  const project = explanation.project;
  if (project !== null) {
    const amount = project.grantedSek === null ? 'no amount' : `${project.grantedSek.toLocaleString('sv-SE')} SEK`;
    lines.push(`Project:     ${project.financier}, ${project.financierName ?? 'financier unknown'}, ${amount}, granted ${project.year ?? 'year unknown'}`);
  }
  for (const issue of explanation.issues) lines.push(`${issue.severity}: ${issue.message}`);
  return lines.join('\n');
}

function formatTrials(explanation: NodeExplanation): string[] {
  const matched = explanation.trials.filter((trial) => trial.matched);
  const shown = explanation.result?.mapped === true ? matched : explanation.trials;
  const heading =
    explanation.result?.mapped === true ? `Rules that matched (${matched.length} of ${explanation.trials.length} tried, by precedence):` : `Rules tried (${explanation.trials.length}, by precedence):`;
  const width = Math.max(...shown.map((trial) => trial.label.length), 5);
  return [
    heading,
    ...shown.map((trial) => {
      const gives = [trial.focusArea === null ? null : `focus area ${trial.focusArea}`, trial.goals === null ? null : `goals ${trial.goals.join(', ')}`].filter((part) => part !== null).join(', ');
      const detail = trial.matched ? trial.condition : `${trial.condition}; but ${trial.observed}`;
      return `  ${trial.matched ? 'yes' : 'no '}  ${trial.level.padEnd(17)} ${trial.label.padEnd(width)}  ${detail} → ${gives}`;
    }),
  ];
}
