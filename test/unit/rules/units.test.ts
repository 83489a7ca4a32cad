import { describe, expect, it } from 'vitest';
import { compareIds } from '../../../src/shared/ids.js';
import { sortedUniqueIds } from '../../../src/rules/order.js';
import { isUnitActiveInYear, toDeterministicId } from '../../../src/rules/units.js';
import { buildPeriod, buildUnit } from '../../support/view-builders.js';

describe('isUnitActiveInYear (period 2018–2020)', () => {
  it.each([
    [null, null, 2018, true],
    [null, null, 2020, true],
    [null, null, 2017, false],
    [null, null, 2021, false],
    [2019, null, 2018, false],
    [2019, null, 2019, true],
    [null, 2019, 2019, true],
    [null, 2019, 2020, false],
    [2010, 2030, 2021, false],
    [2019, 2019, 2019, true],
  ])('activeFrom %s, activeTo %s, year %i → %s', (activeFrom, activeTo, year, isActive) => {
    expect(isUnitActiveInYear(buildUnit('1', { activeFrom, activeTo }), buildPeriod(), year)).toBe(isActive);
  });
});

describe('toDeterministicId', () => {
  it.each([
    [['project-report', '101', 2020], 'project-report-101-2020'],
    [['action-plan-follow-up', '101', 2020, 'naringsliv'], 'action-plan-follow-up-101-2020-naringsliv'],
    [['action-plan-follow-up', 'a:b', 2020, 'miljö strategi'], 'action-plan-follow-up-a_b-2020-milj__strategi'],
  ])('%j → %s', (parts, id) => {
    expect(toDeterministicId(parts)).toBe(id);
  });
});

describe('compareIds', () => {
  it('orders digits numerically and never calls two ids equal', () => {
    expect(sortedUniqueIds(['10', '9', '101', '9', '09', 'a'])).toEqual(['09', '9', '10', '101', 'a']);
    expect(compareIds('x', 'x')).toBe(0);
  });
});
