import { afterEach, describe, expect, it } from 'vitest';
import { deadlineView, stockholmDate } from '../../../src/sim/deadlines.js';
import type { SimServer } from '../../../src/sim/server.js';
import { UserReportingListSchema, UserReportListItemSchema } from '../../../src/stratsys/schemas.js';
import { call, demoSim, result } from './helpers.js';

let sim: SimServer | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('deadlineView', () => {
  it.each([
    ['2021-02-20', 20, 'deadlineOverdue', 'Försenad 20 dagar'],
    ['2021-02-01', 1, 'deadlineOverdue', 'Försenad 1 dag'],
    ['2021-01-31', 0, 'deadlineDefault', '2021-01-31'],
    ['2021-01-21', -10, 'deadlineDefault', '2021-01-31'],
    ['2021-04-01', 60, 'deadlineOverdue', 'Försenad 60 dagar'],
  ])('on %s a 2021-01-31 deadline is %i days delayed', (today, days, cssClass, text) => {
    expect(deadlineView('2021-01-31', today)).toEqual({ CssClass: cssClass, DaysDelayed: days, Text: text });
  });

  it('takes the day in Europe/Stockholm, across DST', () => {
    expect(stockholmDate(new Date('2021-01-31T22:59:59Z'))).toBe('2021-01-31');
    expect(stockholmDate(new Date('2021-01-31T23:00:00Z'))).toBe('2021-02-01');
    expect(stockholmDate(new Date('2021-06-30T21:59:59Z'))).toBe('2021-06-30');
    expect(stockholmDate(new Date('2021-06-30T22:00:00Z'))).toBe('2021-07-01');
  });
});

function demoSimFor(options: Parameters<typeof demoSim>[0] = {}): SimServer {
  sim = demoSim(options);
  return sim;
}

describe('sim report lists', () => {
  it('answers list 910 for the service user by e-mail, user name, id or me, with DaysDelayed from the sim clock', async () => {
    const sim = demoSimFor();
    for (const user of ['controller@gavle.example', 'controller', '900', 'me']) {
      const rows = UserReportListItemSchema.array().parse(await result(sim, `stratsys-apps/reportlists/910/users/${encodeURIComponent(user)}?showAll=true`));
      expect(rows).toHaveLength(10);
      expect(rows[0]).toMatchObject({
        DepartmentId: '101',
        DepartmentName: 'Kommunledningsförvaltningen',
        ReportPeriod: '2020',
        Deadline: { CssClass: 'deadlineOverdue', DaysDelayed: 20, Text: 'Försenad 20 dagar' },
        ReportProgress: { PercentageReadyForApproval: 100, PercentageApproved: 100 },
      });
    }
  });

  it('shows a not-yet-due deadline as negative days with the date as text', async () => {
    const sim = demoSimFor({ clock: () => new Date('2021-01-20T23:30:00Z') });
    const rows = UserReportListItemSchema.array().parse(await result(sim, 'stratsys-apps/reportlists/910/users/me?showAll=true'));
    expect(rows[0]?.Deadline).toEqual({ CssClass: 'deadlineDefault', DaysDelayed: -10, Text: '2021-01-31' });
  });

  it('without showAll returns only rows not fully approved; another user sees none', async () => {
    const sim = demoSimFor();
    const open = UserReportListItemSchema.array().parse(await result(sim, 'stratsys-apps/reportlists/910/users/me?showAll=False'));
    expect(open.map((r) => r.DepartmentId)).toEqual(['103', '105', '106', '202', '203']);
    expect(await result(sim, 'stratsys-apps/reportlists/910/users/eva.nordin@gavle.example?showAll=true')).toEqual([]);
    expect((await call(sim, 'stratsys-apps/reportlists/910/users/ghost')).json.Message).toBe('User undefined: ghost');
  });

  it('serves reporting list 920 with reportNode rows for missing 2020 follow-ups', async () => {
    const sim = demoSimFor();
    expect(await result(sim, 'stratsys-apps/reportinglists')).toEqual([{ Id: '920', Name: 'Uppföljning av aktiviteter 2020', NodeType: 'Activity' }]);
    const open = UserReportingListSchema.parse(await result(sim, 'stratsys-apps/reportinglists/920/users/me?showAll=false'));
    const openByUnit = new Map<string, number>();
    for (const node of open.Nodes) openByUnit.set(node.DepartmentId, (openByUnit.get(node.DepartmentId) ?? 0) + 1);
    expect(Object.fromEntries(openByUnit)).toEqual({ '105': 1, '106': 4, '203': 3 });
    expect(open.Nodes.find((n) => n.DepartmentId === '105')).toMatchObject({ NodeId: '6019', Action: { CssClass: 'reportNode' }, Deadline: { DaysDelayed: 20 } });
    const all = UserReportingListSchema.parse(await result(sim, 'stratsys-apps/reportinglists/920/users/me?showAll=true'));
    expect(all.Nodes).toHaveLength(36);
    expect(all.ShowAll).toBe(true);
  });
});
