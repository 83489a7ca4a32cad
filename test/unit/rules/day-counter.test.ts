import { describe, expect, it } from 'vitest';
import { dayCounter } from '../../../src/rules/day-counter.js';
import { daysOverdue } from '../../../src/rules/deadlines.js';

/** Instants around the zones' offset changes of 2019–2021 and spread over those years, to the minute and millisecond. */
function instants(): number[] {
  const out: number[] = [];
  const changes = ['2020-03-29T01:00:00Z', '2020-10-25T01:00:00Z', '2020-04-05T03:00:00Z', '2020-09-06T04:00:00Z', '2020-04-04T15:00:00Z', '2020-10-03T15:30:00Z', '2021-01-31T23:00:00Z'];
  for (const change of changes) for (let minutes = -26 * 60; minutes <= 26 * 60; minutes += 37) out.push(Date.parse(change) + minutes * 60_000 + (minutes % 7));
  for (let i = 0; i < 400; i += 1) out.push(Date.UTC(2019, 0, 1) + ((i * 7_919_993) % 1_096) * 86_400_000 + ((i * 104_729) % 86_400_000));
  return out;
}

describe('dayCounter', () => {
  it.each(['Europe/Stockholm', 'America/Santiago', 'Asia/Kolkata', 'Australia/Lord_Howe', 'America/St_Johns', 'UTC'])('counts the same days overdue as daysOverdue in %s', (zone) => {
    const count = dayCounter();
    const all = instants();
    const dues = all.filter((_, i) => i % 45 === 0);
    let late = 0;
    for (const due of dues) {
      for (const at of all) {
        const [dueAt, asOf] = [new Date(due).toISOString(), new Date(at)];
        const expected = daysOverdue(dueAt, asOf, zone);
        if (expected > 0) late += 1;
        if (count(dueAt, asOf, zone) !== expected) expect({ dueAt, asOf: asOf.toISOString(), days: count(dueAt, asOf, zone) }).toEqual({ dueAt, asOf: asOf.toISOString(), days: expected });
      }
    }
    expect(late).toBeGreaterThan(500);
  });

  it('rejects an unknown zone and an unreadable instant as daysOverdue does', () => {
    const count = dayCounter();
    expect(() => count('2021-02-14T23:00:00.000Z', '2021-02-20T00:00:00.000Z', 'Mars/Olympus')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => count('not an instant', '2021-02-20T00:00:00.000Z')).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(count('2021-02-14T23:00:00.000Z', '2021-02-15T08:00:00.000Z')).toBe(1);
  });
});
