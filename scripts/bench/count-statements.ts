/**
 * Benchmark instrumentation, loaded with `--import` (bundled, or after tsx: bench-runtime.ts) into
 * each process the benchmark starts: counts the statements the process sends to its database and
 * keeps the running count in BENCH_STATEMENTS_FILE (rewritten every 200 ms and at exit), which
 * `ServiceProcess.statements()` reads. BENCH_STATEMENTS_DRIVER names what to count, so a process loads only its own driver:
 * `pg` (each `Client#query`, one per statement sent to a Postgres server) or `pglite` (each
 * `PGlite#query` and `#exec`, the embedded mode).
 */
import { writeFileSync } from 'node:fs';
import { z } from 'zod';

const env = z
  .object({
    BENCH_STATEMENTS_FILE: z.string().min(1),
    BENCH_STATEMENTS_DRIVER: z.enum(['pg', 'pglite']),
  })
  .parse(process.env);

let statements = 0;

function countCalls(prototype: Record<string, unknown>, method: string): void {
  const original = prototype[method];
  if (typeof original !== 'function') throw new Error(`no ${method} to count`);
  prototype[method] = function counted(this: unknown, ...args: unknown[]) {
    statements += 1;
    return original.apply(this, args);
  };
}

if (env.BENCH_STATEMENTS_DRIVER === 'pg') {
  const pg = await import('pg');
  countCalls(pg.default.Client.prototype as unknown as Record<string, unknown>, 'query');
} else {
  const { PGlite } = await import('@electric-sql/pglite');
  countCalls(PGlite.prototype as unknown as Record<string, unknown>, 'query');
  countCalls(PGlite.prototype as unknown as Record<string, unknown>, 'exec');
}

const save = () => writeFileSync(env.BENCH_STATEMENTS_FILE, String(statements));
save();
setInterval(save, 200).unref();
process.on('exit', save);
