import { describe, expect, it } from 'vitest';
import { factsOf, indexScorecard } from '../../../src/mapping/engine/facts.js';
import type { UnitScorecard } from '../../../src/snapshot/schema.js';
import type { ScorecardNode } from '../../../src/stratsys/schemas.js';
import { buildSnapshot } from '../../support/builders.js';

const template = buildSnapshot({ nodes: [{ id: '1', owner: '101' }] }).units[0]?.scorecards[0]?.nodes[0] as ScorecardNode;
const node = (id: string, parentId: string | null): ScorecardNode => ({ ...template, Id: id, ParentId: parentId });

/** The ancestors of a node as they were found before parent chains were shared: one walk per node. */
function walkedAncestors(nodes: Map<string, ScorecardNode>, start: ScorecardNode): { ids: string[]; hasCycle: boolean } {
  const ancestors: ScorecardNode[] = [];
  let hasCycle = false;
  for (let parentId = start.ParentId; parentId !== null;) {
    const parent = nodes.get(parentId);
    if (parent === undefined) break;
    if (parent === start || ancestors.includes(parent) || ancestors.length >= 64) {
      hasCycle = true;
      break;
    }
    ancestors.push(parent);
    parentId = parent.ParentId;
  }
  return { ids: ancestors.map((n) => n.Id), hasCycle };
}

describe('factsOf: the ancestors of a node', () => {
  const deep = Array.from({ length: 70 }, (_, i) => node(`d${i}`, i === 0 ? null : `d${i - 1}`));
  const nodes = [
    node('root', null),
    node('goal', 'root'),
    node('a1', 'goal'),
    node('a2', 'goal'),
    node('orphan', 'missing'),
    node('x', 'y'),
    node('y', 'x'),
    node('under-loop', 'x'),
    node('self', 'self'),
    node('p', 'q'),
    node('q', 'r'),
    node('r', 'p'),
    node('child-of-p', 'p'),
    ...deep,
    node('below-deep', 'd69'),
    node('d69', 'd68'),
  ];
  const card = { scorecardId: '50', nodes, keywords: {}, descriptionFields: {}, activities: [], comments: {} } as UnitScorecard;

  it('are the nodes up the parent chain, cut at a cycle or 64 levels, as one walk per node finds them', () => {
    const indexed = indexScorecard('101', card);
    for (const n of nodes) {
      const facts = factsOf(indexed, n);
      expect({ id: n.Id, ids: facts.ancestors.map((a) => a.Id), hasCycle: facts.hasCycle }).toEqual({ id: n.Id, ...walkedAncestors(indexed.nodes, n) });
    }
    expect(factsOf(indexed, nodes[2] as ScorecardNode).ancestors.map((a) => a.Id)).toEqual(['goal', 'root']);
    expect(factsOf(indexed, nodes[5] as ScorecardNode)).toMatchObject({ hasCycle: true });
    expect(factsOf(indexed, node('late', 'd69')).hasCycle).toBe(true);
  });

  it('are shared by siblings, whichever is asked first', () => {
    const indexed = indexScorecard('101', card);
    expect(factsOf(indexed, nodes[3] as ScorecardNode).ancestors).toBe(factsOf(indexed, nodes[2] as ScorecardNode).ancestors);
  });
});
