import { describe, expect, it } from 'vitest';
import { MAIL, OPERATIONS, PAGE, REPORT_WORDS } from '../../../src/domain/glossary.js';

describe('glossary phrases', () => {
  it('say one and many in the right number', () => {
    expect(MAIL.escalationNote(1)).toContain('mer än 1 dag har');
    expect(MAIL.escalationNote(14)).toContain('mer än 14 dagar har');
    expect(PAGE.olderThan(1)).toBe('! Äldre än 1 timme');
    expect(PAGE.olderThan(26)).toBe('! Äldre än 26 timmar');
    expect(PAGE.failedJobs(1)).toBe('! 1 misslyckat jobb');
    expect(PAGE.failedJobs(3)).toBe('! 3 misslyckade jobb');
    expect(PAGE.failedJobs(0)).toBe('✓ Inga misslyckade jobb');
    expect(PAGE.runCounts(1, 2, 1, 0)).toMatch(/^1 \S+ · värden: 2 \S+.*, 1 .*, 0 /);
  });

  it('put the year, counts and names where the page and mail show them', () => {
    expect(PAGE.title(2020)).toContain('2020');
    expect(PAGE.statusHeading(2020)).toContain('2020');
    expect(PAGE.reportsOf(2020)).toContain('2020');
    expect(PAGE.noProgramme(2017)).toContain('2017');
    expect(PAGE.importsIntro(2020)).toContain('2020');
    expect(PAGE.yearReport(2020, 'csv')).toContain('(csv)');
    expect(PAGE.pageTime('2021-03-01 08:00', 'Europe/Stockholm')).toContain('(Europe/Stockholm, lokal tid)');
    expect(PAGE.reportAsOf('2021-03-01')).toContain('2021-03-01');
    expect(PAGE.deliveredOf(3, 4, '75 %')).toBe('3 av 4 levererade (75 %)');
    expect(PAGE.missingCount(2)).toContain('2');
    expect(PAGE.unknownCount(1)).toMatch(/^, 1 /);
    expect(PAGE.busyJobs(2, 1)).toContain('2');
    expect(PAGE.runLine('Nattlig', 2020)).toBe('Nattlig · år 2020');
    expect(PAGE.failedUnits('Kultur och fritid')).toContain('Kultur och fritid');
    expect(PAGE.rerunFor('Kultur och fritid')).toBe(' för Kultur och fritid');
    expect(PAGE.login.tooManyAttempts(15)).toContain('15 min');
    expect(MAIL.more(3)).toBe('och 3 till');
    expect(REPORT_WORDS.noFollowUp(2020)).toContain('2020');
    expect(REPORT_WORDS.followUpOf(2020)).toContain('2020');
  });

  it('explain an import error by its code, and an unknown code as unexpected', () => {
    expect(OPERATIONS.importError('STRATSYS_AUTH_FAILED')).toContain('inloggningsuppgifterna');
    expect(OPERATIONS.importError('SOMETHING_NEW')).toContain('oväntat');
    expect(OPERATIONS.importError('SOMETHING_NEW')).not.toBe(OPERATIONS.importError('STRATSYS_HTTP'));
  });
});
