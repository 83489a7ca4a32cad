import { describe, expect, it } from 'vitest';
import { evaluateRun } from '../../../jobs/evaluate-run.js';
import { importUnit } from '../../../jobs/import-unit.js';
import { rerunUnit } from '../../../jobs/rerun-unit.js';
import { InstantSchema } from '../../../jobs/specs.js';

describe('job payload boundaries', () => {
  it.each(['1', '2021', '2021-03-01', 'March 1, 2021', '0000-01-01T00:00:00Z', '2021-03-01T08:00'])('InstantSchema refuses %j', (value) => {
    expect(InstantSchema.safeParse(value).success).toBe(false);
  });

  it.each(['2021-03-01T08:00:00Z', '2021-02-28T23:00:00.000Z', '2021-03-01T08:00+01:00'])('InstantSchema takes %j', (value) => {
    expect(InstantSchema.safeParse(value).success).toBe(true);
  });

  it('unit ids are capped at 64 characters in every payload that carries them', () => {
    const long = '1'.repeat(65);
    expect(importUnit.payload.safeParse({ runId: 'r1', unitId: long, year: 2020 }).success).toBe(false);
    expect(importUnit.payload.safeParse({ runId: 'r1', unitId: '1'.repeat(64), year: 2020 }).success).toBe(true);
    expect(rerunUnit.payload.safeParse({ unitId: long }).success).toBe(false);
    const evaluate = { runId: 'r1', kind: 'nightly', year: 2020, asOf: '2021-03-01T00:00:00Z', unitIds: ['101'] };
    expect(evaluateRun.payload.safeParse(evaluate).success).toBe(true);
    expect(evaluateRun.payload.safeParse({ ...evaluate, unitIds: ['101', long] }).success).toBe(false);
    expect(rerunUnit.payload.safeParse({ unitId: '106' }).success).toBe(true);
  });
});

describe('job specs and the worker registry', () => {
  it('producers queue with exactly the specs the worker runs: every job, same queue, payload and defaults', async () => {
    const { JOB_REGISTRY } = await import('../../../jobs/index.js');
    const { JOB_SPECS } = await import('../../../jobs/specs.js');
    expect([...JOB_SPECS.keys()].sort()).toEqual([...JOB_REGISTRY.keys()].sort());
    for (const [name, spec] of JOB_SPECS) {
      const job = JOB_REGISTRY.get(name);
      expect(job?.queue, name).toBe(spec.queue);
      expect(job?.payload, name).toBe(spec.payload);
      expect(job?.defaults, name).toBe(spec.defaults);
      expect(typeof job?.handler, name).toBe('function');
    }
  });
});
