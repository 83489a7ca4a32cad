import type { Activity, DescriptionFieldValue, Keyword, ScorecardNode } from '../../stratsys/schemas.js';
import type { UnitScorecard } from '../../snapshot/schema.js';
import type { KeywordMatch, Ref } from '../file/schema-common.js';
import { normalizeName } from './names.js';
import { stripHtml } from './strip-html.js';

/**
 * What the rules look at for one node as seen from one unit: the node, its ancestors within the
 * unit's scorecard, and the keywords and description-field values pulled for it.
 */
export interface NodeFacts {
  node: ScorecardNode;
  unitId: string;
  scorecardId: string;
  /** Nearest first; stops at the scorecard root, an unknown parent or a cycle. Shared by siblings: read only. */
  ancestors: readonly ScorecardNode[];
  /** True when the parent chain loops. */
  hasCycle: boolean;
  keywords: Keyword[];
  descriptionFields: DescriptionFieldValue[];
}

/** The longest parent chain followed; deeper trees are treated as a cycle. */
const MAX_DEPTH = 64;

/** One unit's scorecard with its nodes indexed by id. */
export interface IndexedScorecard {
  unitId: string;
  card: UnitScorecard;
  nodes: Map<string, ScorecardNode>;
  /**
   * The activities the unit reports: its own `activities/filter` rows (`DepartmentId` = the unit), by
   * node id. Who reports an activity comes from these rows, one per activity and department
   * (`ActivityServiceUT.cs`), never from `ScorecardNode.Department`, which the reference tests show
   * to be the *requested* department (`ScorecardNodeServiceUT.cs`; contract 5.9).
   */
  reported: Map<string, Activity>;
  /** Every activity row of the card by node id (the last one of an id), whoever's: status and end date come from here. */
  rows: ReadonlyMap<string, Activity>;
  /** Parent id → the chain above a node with that parent (see parentChain), found once per parent. */
  chains: Map<string, Chain>;
}

/** Nodes from a parent upwards (nearest first), and whether the chain loops or nests too deep. */
interface Chain {
  nodes: readonly ScorecardNode[];
  hasCycle: boolean;
}

/** Indexes a unit's scorecard once, so parent and row lookups are O(1). */
export function indexScorecard(unitId: string, card: UnitScorecard): IndexedScorecard {
  const reported = new Map<string, Activity>();
  let hasOtherRows = false;
  for (const row of card.activities) {
    if (row.DepartmentId === unitId) reported.set(row.Id, row);
    else hasOtherRows = true;
  }
  // Usually every row is the unit's own, and the two indexes are one.
  const rows = hasOtherRows ? new Map(card.activities.map((row) => [row.Id, row])) : reported;
  const nodes = new Map<string, ScorecardNode>();
  for (const node of card.nodes) nodes.set(node.Id, node);
  return { unitId, card, nodes, reported, rows, chains: new Map() };
}

/** Facts of one node of an indexed scorecard. Keywords and fields: pulled records first, then inline. */
export function factsOf(scorecard: IndexedScorecard, node: ScorecardNode): NodeFacts {
  const { nodes: ancestors, hasCycle } = ancestorsOf(scorecard, node);
  return {
    node,
    unitId: scorecard.unitId,
    scorecardId: scorecard.card.scorecardId,
    ancestors,
    hasCycle,
    keywords: scorecard.card.keywords[node.Id] ?? node.Keywords ?? [],
    descriptionFields: scorecard.card.descriptionFields[node.Id] ?? node.DescriptionFields ?? [],
  };
}

/**
 * A node's ancestors: its parent's chain (shared by siblings), cut where the node itself comes up
 * again (a cycle through the node).
 */
function ancestorsOf(scorecard: IndexedScorecard, node: ScorecardNode): Chain {
  if (node.ParentId === null) return NO_CHAIN;
  let chain = scorecard.chains.get(node.ParentId);
  if (chain === undefined) scorecard.chains.set(node.ParentId, (chain = parentChain(scorecard, node.ParentId)));
  const self = chain.nodes.indexOf(node);
  return self < 0 ? chain : { nodes: chain.nodes.slice(0, self), hasCycle: true };
}

const NO_CHAIN: Chain = { nodes: [], hasCycle: false };

/** The nodes from `parentId` upwards: stops at an unknown parent, a node already in the chain, or MAX_DEPTH nodes (a cycle). */
function parentChain(scorecard: IndexedScorecard, parentId: string): Chain {
  const ancestors: ScorecardNode[] = [];
  let hasCycle = false;
  for (let id: string | null = parentId; id !== null;) {
    const parent = scorecard.nodes.get(id);
    if (parent === undefined) break;
    // Chains are short (a handful of levels), so a linear check beats allocating a Set.
    if (ancestors.includes(parent) || ancestors.length >= MAX_DEPTH) {
      hasCycle = true;
      break;
    }
    ancestors.push(parent);
    id = parent.ParentId;
  }
  return { nodes: ancestors, hasCycle };
}

/** Whether a Stratsys object matches a mapping reference (by id, or by name ignoring case). */
export function refMatches(ref: Ref, target: { Id: string; Name: string } | null): boolean {
  if (target === null) return false;
  if (ref.id !== null) return target.Id === ref.id;
  return ref.name !== null && normalizeName(target.Name) === normalizeName(ref.name);
}

/** Whether any of the node's keywords satisfies the match. */
export function hasMatchingKeyword(match: KeywordMatch, keywords: readonly Keyword[]): boolean {
  return keywords.length > 0 && keywordsMatcher(match)(keywords);
}

/** hasMatchingKeyword for one match, made once per match: a caller testing many nodes keeps it. */
export function keywordsMatcher(match: KeywordMatch): (keywords: readonly Keyword[]) => boolean {
  let test = KEYWORD_TESTS.get(match);
  if (test === undefined) KEYWORD_TESTS.set(match, (test = keywordTest(match)));
  const matches = test;
  return (keywords) => {
    for (const keyword of keywords) if (matches(keyword)) return true;
    return false;
  };
}

/** Each keyword match's test, made once (mapping objects are not changed once loaded). */
const KEYWORD_TESTS = new WeakMap<KeywordMatch, (keyword: Keyword) => boolean>();

/** Whether one keyword satisfies the match: in its group (if named), among its ids or names (if listed). */
function keywordTest(match: KeywordMatch): (keyword: Keyword) => boolean {
  const group = match.group;
  const ids = match.ids === null ? null : new Set(match.ids);
  const names = match.names === null ? null : new Set(match.names.map(normalizeName));
  return (keyword) => {
    if (group !== null && !refMatches(group, keyword.KeywordGroup)) return false;
    if (ids === null && names === null) return true;
    return (ids?.has(keyword.Id) ?? false) || (names?.has(normalizeName(keyword.Name)) ?? false);
  };
}

/** The plain-text value of the first description field the reference names, or null. */
export function descriptionValue(field: Ref, values: readonly DescriptionFieldValue[]): string | null {
  const hit = values.find((value) => refMatches(field, value.DescriptionField));
  if (hit === undefined || hit.TextValue === null) return null;
  const text = stripHtml(hit.TextValue);
  return text === '' ? null : text;
}
