import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { startSimHarness, type SimHarness } from '../../support/pipeline.js';

/** Control characters that must never reach a terminal or a report file (tab, LF and CR are allowed there). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/;

const HOSTILE_UNIT = 'Kultur\u001b[2J\u001b]0;owned\u0007 och\u0000 fritid\u2028\u001b[31m';
const CLEAN_UNIT = 'Kultur[2J]0;owned och fritid [31m';
const HOSTILE_APP = 'Integration\u001b]0;pwned\u0007\u009b2J';

let harness: SimHarness;
beforeAll(async () => {
  harness = await startSimHarness((fixture) => {
    const unit = fixture.departments.find((department) => department.Id === '106');
    if (unit) unit.Name = HOSTILE_UNIT;
    fixture.application.Name = HOSTILE_APP;
    for (const comment of fixture.comments.filter((c) => c.departmentId === '103')) comment.text = `<p>Rad ett\u2028rad två\u0000\u001b[8m dold</p>`;
  });
});
afterAll(() => harness.close());

describe('control characters in Stratsys text', () => {
  it('check prints the application name without them', async () => {
    const result = await runCli(['check'], { ...harness.env(), MAPPINGS_DIR: 'mappings' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Application:     Integration]0;pwned2J');
    expect(result.stdout + result.stderr).not.toMatch(FORBIDDEN);
  });

  it('run --once prints its summary and writes its report files without them', async () => {
    const result = await runCli(['run', '--once', '--year', '2020', '--as-of', '2021-03-01'], { ...harness.env(), MAPPINGS_DIR: 'mappings' });
    expect(result.stderr).not.toMatch(FORBIDDEN);
    expect(result.stdout).not.toMatch(FORBIDDEN);
    expect(result.stdout).toContain(CLEAN_UNIT);
    const dir = harness.env().REPORT_DIR!;
    const files = readdirSync(dir, { recursive: true })
      .map(String)
      .filter((name) => /\.(md|csv|html|txt|json)$/.test(name));
    expect(files.some((name) => name.endsWith('.md'))).toBe(true);
    expect(files.some((name) => name.endsWith('.csv'))).toBe(true);
    for (const name of files) {
      const text = readFileSync(path.join(dir, name), 'utf8');
      expect(text, name).not.toMatch(FORBIDDEN);
    }
    const markdown = files
      .filter((name) => name.endsWith('.md'))
      .map((name) => readFileSync(path.join(dir, name), 'utf8'))
      .join('\n');
    expect(markdown).toContain('Kultur\\[2J\\]0;owned och fritid'); // Markdown escapes the brackets
  });
});
