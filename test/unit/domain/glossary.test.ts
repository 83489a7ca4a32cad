import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { countOf, DUE, MAIL, PAGE, STATE, TERMS, UNIT_KIND, type Term } from '../../../src/domain/glossary.js';

/** Swedish letters, or a Swedish word that has none (och, inte, …), in a piece of text. */
const SWEDISH = /[åäöÅÄÖ]|\b(och|inte|inga|ingen|eller|saknas|logga|visa|jobb|enheter|rapporter|hämtning)\b/i;

/**
 * Files whose Swedish text is not ours to gather: the simulated tenant's own data (what a
 * municipality types into Stratsys) and HTML entity names.
 */
const NOT_OURS = [/^src\/sim\//, /^src\/mapping\/engine\/strip-html\.ts$/];
const GLOSSARY = 'src/domain/glossary.ts';
/** The glossary's files: the shared terms, and the compilation's own words (glossary-report.ts, glossary-funds.ts). */
const GLOSSARY_FILES = [GLOSSARY, 'src/domain/glossary-report.ts', 'src/domain/glossary-funds.ts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(file) : entry.name.endsWith('.ts') ? [file.split(path.sep).join('/')] : [];
  });
}

/** Every string and template text in a file (comments and code left out), with its line. */
function texts(file: string): Array<{ line: number; text: string }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Array<{ line: number; text: string }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      found.push({ line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text: node.text });
    }
    if (!ts.isImportDeclaration(node)) ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the glossary holds every Swedish text', () => {
  it('no Swedish text outside the glossary (src/domain/glossary*.ts)', () => {
    const strays = sourceFiles('src')
      .filter((file) => !GLOSSARY_FILES.includes(file) && !NOT_OURS.some((pattern) => pattern.test(file)))
      .flatMap((file) =>
        texts(file)
          .filter(({ text }) => SWEDISH.test(text.replace(/<[^>]*>|`[^`]*`/g, ' ')))
          .map(({ line, text }) => `${file}:${line} ${JSON.stringify(text.slice(0, 60))}`),
      );
    expect(strays).toEqual([]);
  }, 30_000); // parses every source file: seconds on a busy machine

  it('the scan would catch a stray text', () => {
    expect(texts(GLOSSARY).filter(({ text }) => SWEDISH.test(text)).length).toBeGreaterThan(50);
  });

  it('one term per concept: the words it replaced appear nowhere', () => {
    const retired = /Förfallodag|t\.o\.m\.|\(läget |Läget |Organisation: |Köad \(jobb/;
    const hits = sourceFiles('src').flatMap((file) =>
      texts(file)
        .filter(({ text }) => retired.test(text))
        .map(({ line }) => `${file}:${line}`),
    );
    expect(hits).toEqual([]);
    expect(DUE.dueWithGrace('2021-01-31', '2021-02-14')).toMatch(new RegExp(`^${DUE.dueDay} `));
    expect(MAIL.intro(2020, '2021-03-01')).toContain('läge per 2021-03-01');
    expect(PAGE.reportAsOf('2021-03-01 00:00')).toMatch(new RegExp(`^${DUE.asOf} `));
  });
});

describe('counted terms take the singular after 1 only', () => {
  const all: Array<[string, Term]> = [...Object.entries(TERMS), ...Object.entries(UNIT_KIND)];

  it.each(all)('%s', (_name, term) => {
    expect(term.one).not.toBe('');
    expect(term.many).not.toBe('');
    expect(countOf(1, term)).toBe(`1 ${term.one}`);
    for (const n of [0, 2, 5, 21, 101]) expect(countOf(n, term)).toBe(`${n} ${term.many}`);
  });

  it('reads right in the places people saw "1 enheter", "1 misslyckade jobb", "1 skrivna"', () => {
    expect(PAGE.runCounts(1, 1, 1, 1)).toBe('1 förvaltning/bolag · värden: 1 skrivet, 1 oförändrat, 1 undanhållet');
    expect(PAGE.runCounts(10, 47, 0, 2)).toBe('10 förvaltningar/bolag · värden: 47 skrivna, 0 oförändrade, 2 undanhållna');
    expect(PAGE.failedJobs(1)).toBe('! 1 misslyckat jobb');
    expect(PAGE.failedJobs(3)).toBe('! 3 misslyckade jobb');
    expect(DUE.overdue(1)).toBe('försenad 1 dag');
    expect(MAIL.delivered({ delivered: 0, late: 0, expected: 2, notYetDue: 1, unknown: 1 })).toBe(
      'Inlämnat: 0 av 2, 1 ännu inte förfallen, 1 okänd (hämtningen från Stratsys misslyckades, eller ett uppföljningsdatum gick inte att läsa).',
    );
  });

  it('every state has a symbol, a word and a meaning', () => {
    for (const entry of Object.values(STATE)) expect(entry.symbol && entry.label && entry.meaning).toBeTruthy();
    expect(new Set(Object.values(STATE).map((entry) => entry.symbol)).size).toBe(Object.keys(STATE).length);
  });
});
