import { describe, expect, it } from 'vitest';
import type { CompiledMapping, CompiledRule } from '../../../src/mapping/engine/compile.js';
import { levelRank } from '../../../src/mapping/engine/compile.js';
import { findMatchingRules, sortByPrecedence } from '../../../src/mapping/engine/decide.js';
import type { NodeFacts } from '../../../src/mapping/engine/facts.js';
import { toFollowUps } from '../../../src/mapping/engine/follow-ups.js';
import { RULE_LEVELS } from '../../../src/mapping/file/schema-rules.js';
import type { Comment } from '../../../src/stratsys/schemas.js';

/*
 * The orders the mapping engine sorts in place without a sort call (rules of a node, follow-ups of
 * a node), and the list findMatchingRules fills for the walk, checked against plain sorts.
 */

function aRule(index: number, level: CompiledRule['level'], test: CompiledRule['test'] = () => false): CompiledRule {
  return { index, label: `r${index}`, level, focusArea: null, goals: null, rule: {} as CompiledRule['rule'], test };
}

/** A deterministic shuffle (linear congruential), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('sortByPrecedence', () => {
  it('orders by level, then file position, as a plain sort does, for every length up to and past 16', () => {
    for (let length = 0; length <= 24; length += 1) {
      const rules = Array.from({ length }, (_, i) => aRule(i, RULE_LEVELS[(i * 7) % RULE_LEVELS.length] as CompiledRule['level']));
      const expected = [...rules].sort((a, b) => levelRank(a.level) - levelRank(b.level) || a.index - b.index);
      for (let seed = 1; seed <= 5; seed += 1) expect(sortByPrecedence(shuffled(rules, seed * 31 + length))).toEqual(expected);
    }
  });
});

describe('findMatchingRules', () => {
  const onNode = aRule(0, 'node');
  const fieldRule = aRule(1, 'description-field', (facts) => facts.node.Id === 'n1');
  const columnRule = aRule(2, 'column', () => true);
  const onAncestor = aRule(3, 'ancestor');
  const compiled = {
    byNode: new Map([['n1', [onNode]]]),
    byAncestor: new Map([['a1', [onAncestor, onNode]]]),
    scanned: [columnRule, fieldRule],
  } as unknown as CompiledMapping;
  const facts = (nodeId: string, ancestorIds: string[]) => ({ node: { Id: nodeId }, ancestors: ancestorIds.map((Id) => ({ Id })) }) as unknown as NodeFacts;

  it('fills a reused list as a new one: each rule once, by precedence, nothing left from the last node', () => {
    const into: CompiledRule[] = [];
    const first = findMatchingRules(compiled, facts('n1', ['a1']), into);
    expect(first).toEqual([onNode, fieldRule, onAncestor, columnRule]);
    expect(first).toEqual(findMatchingRules(compiled, facts('n1', ['a1'])));
    expect(findMatchingRules(compiled, facts('n2', []), into)).toEqual([columnRule]);
    expect(findMatchingRules(compiled, facts('n3', ['a1']), into)).toEqual([onNode, onAncestor, columnRule]);
  });

  it('gives an empty list that is not the reused one when nothing matches', () => {
    const into: CompiledRule[] = [onNode];
    const none = findMatchingRules({ ...compiled, scanned: [] } as CompiledMapping, facts('n9', []), into);
    expect(none).toEqual([]);
    expect(none).not.toBe(into);
    expect(Object.isFrozen(none)).toBe(true);
  });
});

describe('toFollowUps order', () => {
  const aComment = (id: string, postedDate: string): Comment => ({
    Id: id,
    DepartmentId: '101',
    Text: `<p>${id}</p>`,
    PeriodDate: '2020-12-31',
    PostedDate: postedDate,
    LastUpdatedDate: null,
    UserId: null,
    CommentType: null,
  });
  const sink = () => ({ kind: 'activity-follow-up' as const, issues: [], unreadable: [] });
  const order = (comments: Comment[]) => toFollowUps(comments, '6001', '101', 'Europe/Stockholm', sink()).map((f) => f.commentId);

  it('sorts a few by posting instant, then by comment id as numbers', () => {
    expect(order([aComment('10', '2020-06-01 10:00:00'), aComment('3', '2020-07-01 09:00:00'), aComment('9', '2020-06-01 10:00:00')])).toEqual(['9', '10', '3']);
  });

  it('sorts many (past 16) as a plain sort does', () => {
    const comments = Array.from({ length: 40 }, (_, i) => aComment(String(100 + i), `2020-0${1 + (i % 9)}-1${i % 10} 0${i % 10}:00:00`));
    const expected = [...comments].sort((a, b) => (a.PostedDate ?? '').localeCompare(b.PostedDate ?? '') || Number(a.Id) - Number(b.Id)).map((comment) => comment.Id);
    for (let seed = 1; seed <= 3; seed += 1) expect(order(shuffled(comments, seed))).toEqual(expected);
    expect(order(shuffled(comments, 7).slice(0, 12))).toEqual(
      expected.filter((id) =>
        shuffled(comments, 7)
          .slice(0, 12)
          .some((c) => c.Id === id),
      ),
    );
  });
});
