import { editDistance } from '../../shared/edit-distance.js';

/** How a finding of `check --deep` stands: `error` makes the command exit 1. */
export type FindingStatus = 'ok' | 'warning' | 'error';

/**
 * One thing `check --deep` found. `topic` is `reading:<point>` for an open reading of the contract,
 * `mapping:<kind>` for an id in the mapping file, `estimate` for the nightly run's size.
 * `evidence` names the endpoint and the ids the finding rests on.
 */
export interface Finding {
  topic: string;
  status: FindingStatus;
  message: string;
  evidence: string;
}

/** The whole answer of `check --deep` (also its `--json` document). */
export interface DeepCheckReport {
  findings: Finding[];
  /** The nightly run (`run --once`): Stratsys requests and seconds at STRATSYS_MAX_RPS and the measured latency. */
  estimate: { requests: number; seconds: number };
}

/** A candidate for a "did you mean" hint: an id and, where known, a name. */
export interface Candidate {
  id: string;
  name?: string;
}

/**
 * The closest candidate to a misspelt id or name, as `id "name"`, or null when nothing is close:
 * edit distance at most a third of the length (at least 1), ids compared with ids, names with names.
 */
export function closeMatch(wanted: string, candidates: Iterable<Candidate>, by: 'id' | 'name' = 'id'): string | null {
  const word = wanted.trim().toLowerCase();
  let best: { candidate: Candidate; distance: number } | null = null;
  for (const candidate of candidates) {
    const other = (by === 'id' ? candidate.id : (candidate.name ?? '')).trim().toLowerCase();
    if (other === '') continue;
    const distance = editDistance(word, other);
    if (best === null || distance < best.distance) best = { candidate, distance };
  }
  if (best === null || best.distance > Math.max(1, Math.floor(word.length / 3))) return null;
  return best.candidate.name === undefined ? best.candidate.id : `${best.candidate.id} "${best.candidate.name}"`;
}

/** `; did you mean X?` or ''. */
export function didYouMean(match: string | null): string {
  return match === null ? '' : `; did you mean ${match}?`;
}
