/**
 * HTTP load for the benchmarks over an undici pool: closed loop (a fixed number of senders, each
 * sending its next request when the previous one is answered: saturation) and open loop (requests
 * leave at a fixed arrival rate whether or not earlier ones are answered, and latency counts from
 * the scheduled send time, so a stalled server cannot hide its queue: no coordinated omission).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';

export type Shot = { path: string; body: string; contentType: string };

export type LoadResult = {
  /** Requests answered with the expected status. */
  ok: number;
  /** Requests answered otherwise or failed, with the first few reasons. */
  failed: number;
  failures: string[];
  /** From the first send to the last answer. */
  seconds: number;
  /** Latency of each answered request, in ms. */
  latencies: number[];
};

type Options = {
  origin: string;
  count: number;
  shotOf: (index: number) => Shot;
  expectStatus?: number;
  /** Called with the time a request was due (open loop) or sent (closed loop). */
  onSend?: (index: number, at: number) => void;
};

function recorder(expectStatus: number) {
  const result: LoadResult = { ok: 0, failed: 0, failures: [], seconds: 0, latencies: [] };
  return {
    result,
    async send(pool: Pool, shot: Shot, since: number): Promise<void> {
      try {
        const response = await pool.request({
          method: 'POST',
          path: shot.path,
          headers: { 'content-type': shot.contentType },
          body: shot.body,
        });
        const text = await response.body.text();
        if (response.statusCode === expectStatus) {
          result.ok += 1;
          result.latencies.push(performance.now() - since);
        } else {
          result.failed += 1;
          if (result.failures.length < 3)
            result.failures.push(`${response.statusCode} ${text.slice(0, 200)}`);
        }
      } catch (error) {
        result.failed += 1;
        if (result.failures.length < 3) result.failures.push(String(error));
      }
    },
  };
}

/** `concurrency` senders, each sending its next request once the previous one is answered. */
export async function closedLoop(options: Options & { concurrency: number }): Promise<LoadResult> {
  const pool = new Pool(options.origin, { connections: options.concurrency });
  const { result, send } = recorder(options.expectStatus ?? 202);
  let next = 0;
  const started = performance.now();
  const sender = async () => {
    for (let index = next++; index < options.count; index = next++) {
      const at = performance.now();
      options.onSend?.(index, at);
      await send(pool, options.shotOf(index), at);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, sender));
  result.seconds = (performance.now() - started) / 1000;
  await pool.close();
  return result;
}

/** `count` requests at `ratePerSecond`, each timed from when it was due. */
export async function openLoop(
  options: Options & { ratePerSecond: number; connections?: number },
): Promise<LoadResult> {
  const pool = new Pool(options.origin, { connections: options.connections ?? 512 });
  const { result, send } = recorder(options.expectStatus ?? 202);
  const intervalMs = 1000 / options.ratePerSecond;
  const started = performance.now();
  const inFlight = new Set<Promise<void>>();
  let index = 0;
  while (index < options.count) {
    const now = performance.now();
    for (; index < options.count && started + index * intervalMs <= now; index += 1) {
      const due = started + index * intervalMs;
      options.onSend?.(index, due);
      const sending = send(pool, options.shotOf(index), due);
      inFlight.add(sending);
      void sending.finally(() => inFlight.delete(sending));
    }
    await sleep(1);
  }
  await Promise.all(inFlight);
  result.seconds = (performance.now() - started) / 1000;
  await pool.close();
  return result;
}
