import type { QueueBase } from '../../queue/names.js';
import type { CellState } from '../../report/model.js';
import type { RunStatus, UnitStatus } from '../../store/status-store.js';
import type { QueueState } from './model.js';

/** Swedish words of the status page; a symbol and a word for every outcome, never colour alone. */

/** Outcome → [symbol + word, the report state whose colours it borrows]. */
export const RUN_OUTCOME: Record<RunStatus['outcome'] | 'none', [string, CellState]> = {
  complete: ['✓ Komplett', 'on-time'],
  partial: ['! Delvis', 'late'],
  failed: ['✗ Misslyckad', 'missing'],
  none: ['– Ingen körning än', 'not-owed'],
};

/** Last import result → [symbol + word, the report state whose colours it borrows]. */
export const UNIT_OUTCOME: Record<UnitStatus['outcome'] | 'none', [string, CellState]> = {
  ok: ['✓ OK', 'on-time'],
  failed: ['✗ Misslyckad', 'missing'],
  none: ['– Ingen import än', 'not-owed'],
};

/** What started a run. */
export const RUN_KIND: Record<RunStatus['kind'], string> = { nightly: 'nattlig', rerun: 'omkörning', once: 'engångskörning' };

/** Swedish names of the queues. */
export const QUEUE_LABEL: Record<QueueBase, string> = { control: 'Styrning', import: 'Import', evaluate: 'Utvärdering', alerts: 'Påminnelser' };

/** Swedish names of the job states. */
export const QUEUE_STATE_LABEL: Record<QueueState, string> = {
  waiting: 'Väntar',
  active: 'Pågår',
  delayed: 'Fördröjda',
  'waiting-children': 'Väntar på delsteg',
  prioritized: 'Prioriterade',
  completed: 'Klara',
  failed: 'Misslyckade',
};

/** A nightly run older than this is overdue (matches the metrics alert rule in the README). */
export const NIGHTLY_MAX_AGE_HOURS = 26;
