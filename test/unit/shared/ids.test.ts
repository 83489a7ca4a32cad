import { describe, expect, it } from 'vitest';
import { compareIds, idFileName, safeIdPart, sortByIds } from '../../../src/shared/ids.js';

describe('safeIdPart', () => {
  it.each([
    ['101', '101'],
    ['repeat:nightly-sync:17', 'repeat_nightly-sync_17'],
    ['run-2021.03_a', 'run-2021.03_a'],
    ['../etc/passwd', '.._etc_passwd'],
    ['miljö strategi', 'milj__strategi'],
    [2020, '2020'],
  ])('%j → %s: only [A-Za-z0-9._-], never a colon or a path separator', (value, part) => {
    expect(safeIdPart(value)).toBe(part);
  });

  it('is lossy: ids differing only in other characters give one piece', () => {
    expect(safeIdPart('a:b')).toBe(safeIdPart('a_b'));
  });
});

describe('idFileName', () => {
  it('gives different ids different names where safeIdPart would merge them', () => {
    const ids = ['a:b', 'a_b', 'a/b', 'a b', 'a%3Ab', '101'];
    const names = ids.map(idFileName);
    expect(new Set(names).size).toBe(ids.length);
    for (const name of names) expect(name).not.toMatch(/[/\\]/);
  });

  it('is reversible and keeps plain ids as they are (the names of files already stored)', () => {
    for (const id of ['101', 'a:b', 'Kultur och fritid', 'ö/../x']) expect(decodeURIComponent(idFileName(id))).toBe(id);
    expect(idFileName('101')).toBe('101');
  });
});

describe('sortByIds', () => {
  const byComparator = <T extends { u: string; n: string }>(items: T[]) => [...items].sort((x, y) => compareIds(x.u, y.u) || compareIds(x.n, y.n));
  const rows = (ids: string[][]) => ids.map(([u, n], index) => ({ u: u ?? '', n: n ?? '', index }));

  it("gives the comparator's order, stable, with plain numeric ids (numbers compared)", () => {
    const items = rows([
      ['10', '5'],
      ['9', '100'],
      ['10', '5'],
      ['9', '99'],
      ['100000000000000', '1'],
      ['99999999999999', '2'],
      ['10', '40'],
    ]);
    expect(
      sortByIds(
        [...items],
        (x) => x.u,
        (x) => x.n,
      ),
    ).toEqual(byComparator(items));
    expect(
      sortByIds(
        [...items],
        (x) => x.u,
        (x) => x.n,
      ).map((x) => x.index),
    ).toEqual([3, 1, 0, 2, 6, 5, 4]);
  });

  it("gives the comparator's order with ids that are not plain numbers (leading zeros, letters, 16 digits)", () => {
    const items = rows([
      ['010', '1'],
      ['10', '1'],
      ['a', '2'],
      ['1000000000000000', '1'],
      ['999999999999999', '3'],
      ['B', '1'],
      ['10', '01'],
    ]);
    expect(
      sortByIds(
        [...items],
        (x) => x.u,
        (x) => x.n,
      ),
    ).toEqual(byComparator(items));
  });

  it('sorts in place and returns the same array', () => {
    const items = rows([
      ['2', '1'],
      ['1', '1'],
    ]);
    expect(
      sortByIds(
        items,
        (x) => x.u,
        (x) => x.n,
      ),
    ).toBe(items);
    expect(items.map((x) => x.u)).toEqual(['1', '2']);
  });
});
