import { afterEach, describe, expect, it } from 'vitest';
import { createStateStores } from '../../../src/app/state-stores.js';
import { loadMappings } from '../../../src/mapping/file/load.js';
import { storedReportLoader } from '../../../src/report/source.js';
import type { YearReport } from '../../../src/report/model.js';
import { parseRichText } from '../../../src/report/rich-text.js';
import type { SnapshotStore } from '../../../src/store/snapshot-store.js';
import { DEMO_AS_OF, startSimHarness, type SimHarness } from '../../support/pipeline.js';

/**
 * The status page's report is read from the units' compact facts, the compilation's from their full
 * snapshots: the same counts, states and values, without reading every unit's full snapshot per
 * page view.
 */

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

/** A snapshot store that counts the units each kind of read asked for. */
function counting(store: SnapshotStore) {
  const asked = { full: 0, facts: 0 };
  const wrapped: SnapshotStore = {
    ...store,
    loadUnits: async (ids) => {
      const units = await store.loadUnits(ids);
      asked.full += units.length;
      return units;
    },
    loadFacts: async (ids) => {
      asked.facts += ids.length;
      return store.loadFacts(ids);
    },
  };
  return { wrapped, asked };
}

/** The report without its texts and the instant it was made. */
const withoutTexts = (report: YearReport) => ({ ...report, reported: null, meta: { ...report.meta, generatedAt: null } });
/** Words of the activities' follow-up texts in the report (project statements aside: facts keep those). */
const followUpWords = (report: YearReport) =>
  JSON.stringify(
    report.reported.followUps.flatMap((area) =>
      area.goals.flatMap((goal) => goal.units.flatMap((unit) => unit.activities.flatMap((activity) => activity.texts.map((text) => parseRichText(text.html))))),
    ),
  ).match(/"text":"[^"]+"/g)?.length ?? 0;

describe('the status page report', () => {
  it('is read from facts: every count, state and value equal to the full report, no full snapshot read, no follow-up text', async () => {
    harness = await startSimHarness();
    await harness.run();
    const config = harness.config();
    const stores = createStateStores(config);
    const mappings = await loadMappings('mappings');
    const load = (source: 'full' | 'facts') => {
      const { wrapped, asked } = counting(stores.snapshots);
      const deps = { tenantId: config.TENANT_ID, clock: { now: () => new Date(DEMO_AS_OF) }, snapshots: wrapped, timeZone: config.REPORT_TIME_ZONE, status: stores.status };
      return { asked, loader: storedReportLoader(deps, mappings, () => DEMO_AS_OF, source) };
    };
    const full = load('full');
    const facts = load('facts');
    const fullReport = await full.loader(2020);
    const factsReport = await facts.loader(2020);
    expect(fullReport).not.toBeNull();
    expect(withoutTexts(factsReport!)).toEqual(withoutTexts(fullReport!));
    expect(fullReport!.matrix.rows.length).toBeGreaterThan(0);
    expect(full.asked.full).toBeGreaterThan(0);
    expect(facts.asked).toEqual({ full: 0, facts: full.asked.full });
    expect(followUpWords(fullReport!)).toBeGreaterThan(0);
    expect(followUpWords(factsReport!)).toBe(0);
  }, 60_000);
});
