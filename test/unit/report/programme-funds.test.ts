import { describe, expect, it } from 'vitest';
import type { FundsRow } from '../../../src/report/model-parts.js';
import type { Cell } from '../../../src/report/cells.js';
import { buildPeriodReport } from '../../../src/report/period.js';
import { periodProjectsTable, trendTables } from '../../../src/report/period-tables.js';
import { renderPeriodCsv, renderPeriodHtml, renderPeriodMarkdown } from '../../../src/report/period-render.js';
import { renderReportCsv } from '../../../src/report/csv.js';
import type { ProgrammeMapping } from '../../../src/mapping/file/schema.js';
import type { TenantFixture } from '../../../src/sim/fixture.js';
import { demoReport } from './fixtures.js';

const YEARS = [2018, 2019, 2020];
const sums = (row: FundsRow | undefined) =>
  row === undefined ? undefined : { eu: row.eu, international: row.international, total: row.total, projects: row.projects, withoutAmount: row.withoutAmount };
/** The financing rules without a year field: projects count in each programme year they run. */
const withoutYearFields = (mapping: ProgrammeMapping) => {
  for (const rule of mapping.externalFinancing) rule.yearField = null;
};
const node = (fixture: TenantFixture, id: string) => {
  const found = fixture.nodes.find((n) => n.id === id);
  if (found === undefined) throw new Error(`the demo tenant has no node ${id}`);
  return found;
};

describe('projects and funds over the programme period, in the yearly report', () => {
  it('lists every project found, whatever year it was granted, with financier, amount, the years it counts in, its unit and permalink', () => {
    const { assessment, report } = demoReport();
    const { programme } = report.funds;
    const found = [...new Set(assessment.view.projects.map((p) => p.nodeId))].sort();
    expect(found).toHaveLength(11);
    expect(programme.projects.map((p) => p.nodeId).sort()).toEqual(found);
    expect(report.funds.projects).toHaveLength(4);
    for (const row of programme.projects) {
      const project = assessment.view.projects.find((p) => p.nodeId === row.nodeId);
      expect(row).toMatchObject({ unitId: project?.unitId, financier: project?.financier, grantedSek: project?.grantedSek, countedYears: [project?.year] });
      const url = new URL(row.link ?? '');
      expect(url.searchParams.get('NodeIdentifierId')).toBe(row.nodeId);
      expect(url.searchParams.get('ChangeDepartment')).toBe(row.unitId);
    }
    expect(programme.years).toEqual(YEARS);
  });

  it("gives each year the figures of that year's own compilation, and the whole period each project once", () => {
    const { report } = demoReport();
    const { programme } = report.funds;
    for (const [i, year] of YEARS.entries()) {
      const own = demoReport({ year }).report.funds;
      expect(sums(programme.byYear[i])).toEqual(sums(own.total));
      for (const area of programme.byFocusArea) expect(area.perYear[i]?.total).toBe(own.byFocusArea.find((r) => r.key === area.key)?.total);
    }
    expect(programme.total.total).toBe(programme.projects.reduce((sum, p) => sum + (p.grantedSek ?? 0), 0));
    expect(programme.total).toMatchObject({ eu: 17_000_000, international: 1_470_000, total: 18_470_000, projects: 11, withoutAmount: 1 });
    expect(programme.byFocusArea.reduce((sum, area) => sum + area.period.total, 0)).toBe(programme.total.total);
  });

  it("keeps each year's figures when no unit of a kind owes reports in the reported year (companies only up to 2019)", () => {
    const companiesTo2019 = (mapping: ProgrammeMapping) => {
      mapping.units.participation = ['201', '202', '203', '204'].map((unit) => ({ unit, activeFrom: unit === '204' ? 2019 : null, activeTo: 2019 }));
    };
    const { report } = demoReport({ adjustMapping: companiesTo2019 });
    expect(report.units.some((unit) => unit.unitKind === 'company')).toBe(false);
    const { programme } = report.funds;
    for (const [i, year] of YEARS.entries()) {
      const own = demoReport({ year, adjustMapping: companiesTo2019 }).report.funds;
      expect(sums(programme.byYear[i])).toEqual(sums(own.total));
    }
    expect(programme.byYear[1]?.projects).toBeGreaterThan(0);
  });

  it('counts a project without a year field in each programme year it runs (src/indicators/measures.ts), once over the period', () => {
    const ended2019 = (fixture: TenantFixture) => {
      node(fixture, '6005').endDate = '2019-06-30';
    };
    const { assessment, report } = demoReport({ adjust: ended2019, adjustMapping: withoutYearFields });
    const { programme } = report.funds;
    expect(programme.projects.find((p) => p.nodeId === '6005')?.countedYears).toEqual([2018, 2019]);
    expect(programme.projects.find((p) => p.nodeId === '6004')?.countedYears).toEqual([2018, 2019, 2020]);
    for (const [i, year] of YEARS.entries()) {
      const own = demoReport({ year, adjust: ended2019, adjustMapping: withoutYearFields });
      expect(sums(programme.byYear[i])).toEqual(sums(own.report.funds.total));
      expect(programme.byYear[i]?.total).toBe(own.assessment.values.find((v) => v.kpiId === '9007')?.value);
    }
    const amounts = assessment.view.projects.reduce((sum, p) => sum + (p.grantedSek ?? 0), 0);
    expect(programme.total.total).toBe(amounts);
    expect(programme.byYear.reduce((sum, y) => sum + y.total, 0)).toBeGreaterThan(amounts);
  });

  it('shows a project seen in two units once, counted as the indicators count it', () => {
    const shared = (fixture: TenantFixture) => {
      node(fixture, '6018').distributedTo = ['106'];
    };
    const { assessment, report } = demoReport({ adjust: shared });
    expect(assessment.view.projects.filter((p) => p.nodeId === '6018')).toHaveLength(2);
    expect(report.funds.programme.projects.filter((p) => p.nodeId === '6018')).toHaveLength(1);
    expect(report.funds.programme.byYear[2]?.total).toBe(assessment.values.find((v) => v.kpiId === '9007')?.value);
    expect(report.funds.programme.byYear[2]?.projects).toBe(assessment.values.find((v) => v.kpiId === '9006')?.value);
  });

  it('lists amounts that could not be read with the text as typed in Stratsys', () => {
    const { report } = demoReport({
      adjust: (fixture) => {
        node(fixture, '6022').descriptionFields['801'] = 'ca 800 tusen';
      },
    });
    const { withoutAmount } = report.funds.programme;
    expect(withoutAmount.map((p) => [p.nodeId, p.grantedText])).toEqual([
      ['6014', null],
      ['6022', 'ca 800 tusen'],
    ]);
    const csv = renderReportCsv(report)
      .split('\r\n')
      .map((line) => line.replace(/;+$/, ''));
    expect(csv).toContain('Projekt Nordic Street Art;Kultur och fritid;ca 800 tusen;"Belopp oläsligt: ""ca 800 tusen"""');
    expect(csv).toContain('Projekt Välfärdsteknik i Östersjöregionen;Omvårdnad Gävle;–;Belopp saknas i Stratsys');
  });
});

describe('amounts that are blank in all but form', () => {
  it.each(['-', '<p></p>', '<p>&nbsp;</p>', '  '])('%j is no amount (a known gap), not an unreadable one', (typed) => {
    const { assessment } = demoReport({
      adjust: (fixture) => {
        node(fixture, '6014').descriptionFields['801'] = typed;
      },
    });
    const project = assessment.view.projects.find((p) => p.nodeId === '6014');
    expect(project).toMatchObject({ grantedSek: null, grantedText: null });
    expect(assessment.values.find((v) => v.kpiId === '9007')?.value).toBe(4_890_000);
  });
});

describe('the period report', () => {
  it('lists each project of the period once with its Stratsys permalink', () => {
    const period = buildPeriodReport(
      YEARS.map((year) => demoReport({ year }).report),
      '2021-03-01T05:00:00.000Z',
    );
    const table = periodProjectsTable(period);
    expect(table.rows).toHaveLength(11);
    const links = [...table.rows].map((row) => row.find((cell) => cell.kind === 'link'));
    for (const cell of links) expect(cell?.kind === 'link' && cell.href?.startsWith('https://www.stratsys.se/PermaLink/GAVLE/ScorecardView.mvc?')).toBe(true);
    expect(new Set(links.map((cell) => (cell?.kind === 'link' ? cell.href : null))).size).toBe(11);
    // In HTML the project's name is its link (the link column is for CSV and the workbook).
    const html = renderPeriodHtml(period);
    expect(html).toMatch(
      /<th scope="row"><a href="https:\/\/www\.stratsys\.se\/PermaLink\/GAVLE\/ScorecardView\.mvc\?[^"]*NodeIdentifierId=6014" rel="noopener noreferrer nofollow">Projekt Välfärdsteknik i Östersjöregionen<\/a><\/th>/,
    );
    expect(html.match(/<table id="period-projekt"[\s\S]*?<\/thead>/)?.[0]).not.toContain('Länk');
  });

  it('says first, in every format, which years are incomplete and why', () => {
    const reports = YEARS.map((year) => demoReport({ year, failedUnitIds: year === 2019 ? ['203'] : [] }).report);
    const period = buildPeriodReport(reports, '2021-03-01T05:00:00.000Z');
    expect(period.notices.map((n) => n.year)).toEqual([2019]);
    const expected = '2019: Ofullständig sammanställning. Uppgifter saknas för Gävle Hamn AB';
    expect(renderPeriodMarkdown(period).split('\n')[2]).toContain(expected);
    expect(renderPeriodCsv(period).split('\r\n')[1]).toContain(expected);
    const html = renderPeriodHtml(period);
    expect(html.indexOf('class="notice"')).toBeGreaterThan(-1);
    expect(html.indexOf('class="notice"')).toBeLessThan(html.indexOf('<main>'));
    expect(
      buildPeriodReport(
        YEARS.map((year) => demoReport({ year }).report),
        '2021-03-01T05:00:00.000Z',
      ).notices,
    ).toEqual([]);
  });

  it('gives projects in no focus area their own row, so the funds rows add up to the total', () => {
    const outside = (fixture: TenantFixture) => {
      fixture.nodes.push({
        ...structuredClone(node(fixture, '6018')),
        id: '6099',
        name: 'Projekt utanför fokusområdena',
        keywordIds: ['711'],
        parentId: '50',
        descriptionFields: { '801': '500 000', '802': '2019', '803': 'Interreg' },
      });
    };
    const period = buildPeriodReport(
      YEARS.map((year) => demoReport({ year, adjust: outside }).report),
      '2021-03-01T05:00:00.000Z',
    );
    const granted = trendTables(period).find((t) => t.id === 'trend-medel');
    const amount = (cell: Cell | undefined) => (cell?.kind === 'sek' ? (cell.value ?? 0) : 0);
    for (const [i] of YEARS.entries()) {
      const sum = [...(granted?.rows ?? [])].reduce((total, row) => total + amount(row[i + 1]), 0);
      expect(sum).toBe(amount(granted?.foot[0]?.[i + 1]));
    }
    expect([...(granted?.rows ?? [])].at(-1)?.[0]).toEqual(expect.objectContaining({ text: 'Utan fokusområde' }));
    expect(period.withoutFocusArea?.[1]).toMatchObject({ projects: 1, grantedSek: 500_000 });
    expect(
      buildPeriodReport(
        YEARS.map((year) => demoReport({ year }).report),
        '2021-03-01T05:00:00.000Z',
      ).withoutFocusArea,
    ).toBeNull();
  });
});
