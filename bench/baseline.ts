import type { StratsysClient } from '../src/stratsys/client.js';
import { Semaphore } from '../src/shared/semaphore.js';

/** One request of the baseline pattern. */

/**
 * The reference client's pattern, the way the public .NET client is used in its examples: per unit
 * its nodes and activities, then per activity it reports its keywords, description fields and
 * comments. `lanes` requests at a time: 1 is the reference's sequential use; the product's default
 * concurrency gives "a plain client with the same concurrency" (no pacing, retries only).
 * Returns requests, seconds and requests per second.
 */
export async function referencePull(client: StratsysClient, scorecardId: string, unitIds: string[], lanes: number): Promise<{ requests: number; seconds: number; rate: number }> {
  const started = performance.now();
  const before = client.requestCount;
  const gate = new Semaphore(lanes);
  const run = <T>(call: () => Promise<T>) => gate.run(call);
  await Promise.all(
    unitIds.map(async (unitId) => {
      const [, rows] = await Promise.all([run(() => client.nodes(scorecardId, unitId)), run(() => client.activities({ scorecardId, departmentId: unitId }))]);
      await Promise.all(
        rows.flatMap((row) => [
          run(() => client.nodeKeywords(scorecardId, unitId, row.Id)),
          run(() => client.nodeDescriptionFields(scorecardId, unitId, row.Id)),
          run(() => client.comments(row.Id, unitId)),
        ]),
      );
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const requests = client.requestCount - before;
  return { requests, seconds, rate: requests / seconds };
}
