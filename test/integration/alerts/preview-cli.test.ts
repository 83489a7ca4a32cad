import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

let harness: SimHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const EVA = 'eva.nordin@gavle.example';

describe('alerts preview --owner after a run', () => {
  it('says why an owner gets nothing now, and --ignore-ledger shows what they receive', async () => {
    harness = await startSimHarness();
    const env = harness.env({ SYNC_YEAR: '2020', SYNC_AS_OF: '2021-03-01' });
    expect((await runCli(['run', '--once'], env)).code).toBe(0);

    const already = await runCli(['alerts', 'preview', '--owner', EVA], env);
    expect(already.code).toBe(0);
    expect(already.stdout).toMatch(new RegExp(`^${EVA}: nothing new now; already alerted about 1 missing report\\(s\\) in the current cadence step\\. --ignore-ledger shows that e-mail\\.$`, 'm'));

    const nobody = await runCli(['alerts', 'preview', '--owner', 'nobody@gavle.example'], env);
    expect(nobody.stdout).toMatch(/^nobody@gavle\.example receives nothing for 2020: not an owner of a focus area with missing reports, nor the International Office\.$/m);

    const shown = await runCli(['alerts', 'preview', '--owner', EVA, '--ignore-ledger', '--as-of', '2021-03-01'], env);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`· first notice · 1 report\\(s\\)\\nTo: ${EVA}\\nSubject: 1 saknad rapport 2020 – Gävle Hamn AB\\n\\nHej!`));
    expect(shown.stdout).toContain('Sista dag 2021-01-31 (respit till och med 2021-02-14) – försenad 15 dagar');
    expect(shown.stdout).toMatch(/^Alerts \(dry run\): 1 e-mail would be sent about 1 missing report\.$/m);
  });
});
