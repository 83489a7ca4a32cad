import { afterEach, describe, expect, it } from 'vitest';
import { runningYears } from '../../../src/mapping/engine/projects.js';
import { formatRunSummary } from '../../../src/pipeline/summary.js';
import { runCli } from '../../support/cli.js';
import { mappingsWith } from '../../support/mappings.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const withoutYearFields = (text: string) => text.replaceAll('    year: { descriptionField: { id: 802 } }\n', '');

describe('projects whose financing rule names no year field', () => {
  it.each([
    ['runs through the period', null, [], [2018, 2019, 2020]],
    ['ended in 2019', '2019-06-30', [], [2018, 2019]],
    ['ends on 1 January 2020', '2020-01-01', [], [2018, 2019, 2020]],
    ['first followed up for 2019', '2022-12-31', [2020, 2019], [2019, 2020]],
    ['ended before its first follow-up year', '2018-12-31', [2019], []],
  ] as const)('%s', (_case, endDate, followUpYears, years) => {
    expect(runningYears({ startYear: 2018, endYear: 2020 }, endDate, followUpYears)).toEqual(years);
  });

  it('count in each programme year they run, and validate and the run summary say so', async () => {
    const dir = await mappingsWith(withoutYearFields);
    const validate = await runCli(['mappings', 'validate'], { MAPPINGS_DIR: dir });
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(
      /^warning .*gavle-2018-2020\.yaml indicators\[5\]: externfinansierade-projekt \(projects\) relies on the running years of projects: financing rules "EU-finansiering", "Internationell finansiär" name no year field/m,
    );
    expect(validate.stdout).toMatch(/indicators\[6\]: beviljade-projektmedel \(granted-sek\) relies on the running years/);
    expect((await runCli(['mappings', 'validate'], { MAPPINGS_DIR: 'mappings' })).stdout).not.toContain('warning');

    harness = await startSimHarness(undefined, dir);
    const result = await harness.run();
    const value = (kpiId: string) => result.assessment.values.find((v) => v.kpiId === kpiId)?.value;
    // All eleven demo projects run in 2020 (none ended before 1 January 2020); granted amounts summed (one has none).
    expect(value('9006')).toBe(11);
    expect(value('9007')).toBe(1_250_000 + 2_480_000 + 480_000 + 640_000 + 3_900_000 + 820_000 + 1_800_000 + 2_150_000 + 4_600_000 + 350_000);
    expect(formatRunSummary(result)).toContain('Projects: 11 projects have no grant year (no year field in the financing rule): each counts in every programme year it runs; 11 of them count in 2020');
    const with2019 = await harness.run({ year: 2019, asOf: '2020-03-01T00:00:00.000Z' });
    // every demo project also ran in 2019 and was first followed up by then (204's project from 2019)
    expect(with2019.assessment.values.find((v) => v.kpiId === '9006')?.value).toBe(11);
  }, 90_000);
});
