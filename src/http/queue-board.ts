import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { QueueSet } from '../queue/queues.js';

/**
 * What the queue dashboard (Bull Board at `/admin/queues`) may change (QUEUE_DASHBOARD):
 * `read-only` nothing; `retry-failed` (default) only retrying failed jobs; `full` everything Bull
 * Board offers (pause, add, clean, remove, obliterate, …).
 */
export const QUEUE_DASHBOARD_MODES = ['read-only', 'retry-failed', 'full'] as const;
export type QueueDashboardMode = (typeof QUEUE_DASHBOARD_MODES)[number];

/** Where the dashboard is mounted. */
export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * The dashboard's own scripts and styles only; `base-uri 'self'` for its `<base href>`; its web
 * font is not fetched from a third party; never framed (a framed board could be click-jacked).
 */
export const QUEUE_BOARD_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; manifest-src 'self'; base-uri 'self'; form-action 'none'; frame-ancestors 'none'";

const SAFE_METHODS = new Set(['GET', 'HEAD']);
const RETRY_ALL_FAILED = /^\/api\/queues\/([^/]+)\/retry\/failed$/;
const RETRY_ONE = /^\/api\/queues\/([^/]+)\/([^/]+)\/retry$/;

/**
 * Whether `mode` lets this request through: reads always; in `retry-failed` a retry of every failed
 * job of a queue, or of one job that is failed now (never a completed one: that would run it
 * again). Anything not recognised is refused.
 */
export async function isBoardRequestAllowed(mode: QueueDashboardMode, method: string, subPath: string, queues: ReadonlyMap<string, Queue>): Promise<boolean> {
  if (mode === 'full' || SAFE_METHODS.has(method)) return true;
  if (mode === 'read-only' || method !== 'PUT') return false;
  const all = RETRY_ALL_FAILED.exec(subPath);
  if (all?.[1]) return queues.has(decodeURIComponent(all[1]));
  const one = RETRY_ONE.exec(subPath);
  if (!one?.[1] || !one[2]) return false;
  const job = await queues.get(decodeURIComponent(one[1]))?.getJob(decodeURIComponent(one[2]));
  return job !== undefined && (await job.getState()) === 'failed';
}

function boardHeaders(reply: FastifyReply): void {
  reply.header('Content-Security-Policy', QUEUE_BOARD_CSP).header('X-Frame-Options', 'DENY').header('X-Content-Type-Options', 'nosniff').header('Referrer-Policy', 'no-referrer');
  if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
}

/**
 * Mounts Bull Board at QUEUE_BOARD_PATH with the status page's security headers and the given
 * mode enforced before Bull Board sees the request (authentication already ran in the app hook).
 */
export async function registerQueueBoard(app: FastifyInstance, queues: QueueSet, mode: QueueDashboardMode): Promise<void> {
  const byName = new Map(Object.values(queues.queues).map((queue) => [queue.name, queue] as const));
  const board = new FastifyAdapter();
  const adapters = [...byName.values()].map((queue) => new BullMQAdapter(queue, { readOnlyMode: mode === 'read-only' }));
  createBullBoard({ queues: adapters, serverAdapter: board });
  board.setBasePath(QUEUE_BOARD_PATH);
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
        boardHeaders(reply);
        const subPath = (request.url.split('?')[0] ?? '').slice(QUEUE_BOARD_PATH.length);
        if (!(await isBoardRequestAllowed(mode, request.method, subPath, byName))) {
          return reply.code(403).send({
            error: 'forbidden',
            message: `the queue dashboard is ${mode === 'read-only' ? 'read-only' : 'read-only apart from retrying failed jobs'} (QUEUE_DASHBOARD=full allows every action)`,
          });
        }
      });
      await scope.register(board.registerPlugin());
    },
    { prefix: QUEUE_BOARD_PATH },
  );
}
