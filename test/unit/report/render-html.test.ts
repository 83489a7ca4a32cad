import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../src/shared/html.js';
import { html, trusted } from '../../../src/report/html/escape.js';
import { renderReportHtml } from '../../../src/report/html/document.js';
import { textWithDates } from '../../../src/report/html/parts.js';
import { demoReport, renameUnit } from './fixtures.js';

const HOSTILE = '<script>alert("x")</script> & \'AB\'';
const NBSP = '\u00a0';

function hostileReport() {
  return demoReport({
    adjust: (fixture) => {
      renameUnit(fixture, '106', HOSTILE);
      const project = fixture.nodes.find((n) => n.id === '6014');
      if (project) project.name = '<img src=x onerror=alert(1)>';
    },
  }).report;
}

describe('HTML report', () => {
  it('is one self-contained Swedish document: no scripts, no external resources, print style for A4', () => {
    const page = renderReportHtml(demoReport().report);
    expect(page.startsWith('<!doctype html>\n<html lang="sv">')).toBe(true);
    expect(page).not.toMatch(/<script|<link rel="stylesheet"|@import|url\(["']?https?:|src=["']?https?:/i);
    // The only URLs are links (<a href>) to Stratsys; nothing is loaded from anywhere.
    expect(page.replace(/<a href="https:\/\/www\.stratsys\.se\/PermaLink\/[^"]*"/g, '')).not.toMatch(/https?:\/\//);
    expect(page).toContain('@page { size: A4 landscape;');
    expect(page).toContain('@media print');
    expect(page.match(/<svg [^>]*role="img"/g)).toHaveLength(2);
  });

  it('escapes every text from Stratsys', () => {
    const page = renderReportHtml(hostileReport());
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;AB&#39;');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('is accessible: headings, captions, header cells with scope, states as symbol and word', () => {
    const page = renderReportHtml(demoReport().report);
    expect(page.match(/<h2 /g)?.length).toBeGreaterThanOrEqual(7);
    const tables = page.match(/<table /g)?.length ?? 0;
    expect(page.match(/<caption>/g)).toHaveLength(tables);
    expect(page).toContain('<th scope="col">Förvaltning/bolag</th>');
    expect(page).toContain('<th scope="row">Samhällsbyggnad Gävle</th>');
    expect(page).toContain('<span class="state state-missing"><span aria-hidden="true">✗</span> Saknas</span>');
    expect(page).toContain('<span class="state state-not-owed"><span aria-hidden="true">–</span><span class="visually-hidden">Inget krav</span></span>');
  });

  it('formats numbers, amounts and dates the Swedish way', () => {
    const page = renderReportHtml(demoReport().report);
    expect(page).toContain(`4${NBSP}890${NBSP}000${NBSP}kr`);
    expect(page).toContain(`66,7${NBSP}%`);
    expect(page).toContain('läge per 1 mars 2021');
    expect(page).toContain('2021-02-25 16:20');
  });

  it('names every unit with a missing report next to the word', () => {
    const { assessment, report } = demoReport();
    const page = renderReportHtml(report);
    for (const r of assessment.evaluation.reports.filter((x) => x.state === 'missing')) {
      expect(page).toMatch(new RegExp(`<th scope="row">${r.unitName}</th><td>[^<]*</td><td><span class="state state-missing">`));
    }
  });
});

describe('html template', () => {
  it('escapes interpolated text and numbers, keeps nested templates and trusted markup', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${'"x"'}">${inner}${3}${null}${false}${['a', '&']}${trusted('<br>')}</p>`.value).toBe('<p title="&quot;x&quot;"><b>&lt;i&gt;</b>3a&amp;<br></p>');
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('keeps each date on one line and escapes the text around it', () => {
    expect(textWithDates('2021-01-31 (respit till och med 2021-02-14) <b>').value).toBe('<span class="date">2021-01-31</span> (respit till och med <span class="date">2021-02-14</span>) &lt;b&gt;');
    expect(textWithDates('Inlämnad 2021-01-21 15:10').value).toBe('Inlämnad <span class="date">2021-01-21 15:10</span>');
    expect(textWithDates('inga datum').value).toBe('inga datum');
  });
});
