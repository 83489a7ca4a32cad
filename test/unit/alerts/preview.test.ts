import { describe, expect, it } from 'vitest';
import { composeAlerts } from '../../../src/alerts/compose.js';
import { filterByOwner, formatPreview } from '../../../src/cli/alerts.js';
import { alertSourceOf } from '../../../src/pipeline/alert-source.js';
import { asOfForDay, buildEvaluation, buildMapping, buildScenarioView, EVA, OFFICE, ROLE_HOLDERS, scenarioReports } from './fixtures.js';

const plan = composeAlerts({
  source: alertSourceOf({ evaluation: buildEvaluation(scenarioReports(31), asOfForDay(31)), view: buildScenarioView() }),
  mapping: buildMapping(),
  roleHolders: ROLE_HOLDERS,
  sentEntries: new Set(),
  asOf: asOfForDay(31),
});

describe('alerts preview', () => {
  it('filters by an address in To or Cc, ignoring case', () => {
    expect(filterByOwner(plan.digests, undefined)).toHaveLength(3);
    expect(filterByOwner(plan.digests, 'Eva.Nordin@GAVLE.example').map((digest) => digest.to)).toEqual([[EVA]]);
    expect(filterByOwner(plan.digests, OFFICE)).toHaveLength(3);
    expect(filterByOwner(plan.digests, 'nobody@gavle.example')).toEqual([]);
  });

  it('prints each e-mail with its headers and text, then the dry-run summary', () => {
    const text = formatPreview({ ...plan, digests: filterByOwner(plan.digests, EVA) }, 2020);
    const digest = plan.digests.find((entry) => entry.to[0] === EVA);
    expect(text).toContain(`── ${digest?.key} · first notice · 2 report(s)\nTo: ${EVA}\nCc: ${OFFICE}\nSubject: ${digest?.subject}\n\nHej!`);
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^Alerts \(dry run\): 1 e-mail would be sent about 2 missing reports\. 1 focus area has no owner address/);
  });

  it('leaves the bodies out when asked', () => {
    expect(formatPreview(plan, 2020, false)).not.toContain('Hej!');
  });
});
