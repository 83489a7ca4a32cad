import { describe, expect, it } from 'vitest';
import { idFileName, safeIdPart } from '../../../src/shared/ids.js';

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
