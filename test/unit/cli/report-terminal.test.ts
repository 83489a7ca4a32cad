import { afterEach, describe, expect, it, vi } from 'vitest';
import { printOrWrite } from '../../../src/cli/report.js';
import { demoReport } from '../report/fixtures.js';

const { report } = demoReport();

function capture() {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  return { out: () => out.mock.calls.map((c) => String(c[0])).join(''), err: () => err.mock.calls.map((c) => String(c[0])).join('') };
}
afterEach(() => vi.restoreAllMocks());

describe('report without --out', () => {
  it('shows Markdown on a terminal, with a hint, instead of pages of HTML', async () => {
    const io = capture();
    await printOrWrite(report, {}, true);
    expect(io.out()).toMatch(/^# Uppföljning av internationellt arbete 2020/);
    expect(io.out()).not.toContain('<html');
    expect(io.err()).toContain('--out DIR');
  });

  it('writes HTML into a pipe, and the asked format anywhere', async () => {
    const io = capture();
    await printOrWrite(report, {}, false);
    expect(io.out()).toMatch(/^<!doctype html>/i);
    await printOrWrite(report, { format: 'html' }, true);
    expect(io.err()).toBe('');
  });

  it('refuses to print the xlsx bytes on a terminal', async () => {
    capture();
    await expect(printOrWrite(report, { format: 'xlsx' }, true)).rejects.toThrow(/binary file/);
  });
});
