import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);
const SCRIPT = new URL('../../../../scripts/infra/prometheus.sh', import.meta.url).pathname;

export type PrometheusServer = {
  url: string;
  targets(): Promise<{ job: string; health: string; lastError: string }[]>;
  /** An instant query; rejects when Prometheus answers an error (a PromQL mistake). */
  query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]>;
  stop(): Promise<void>;
};

const targetsSchema = z.object({
  data: z.object({
    activeTargets: z.array(
      z.object({ labels: z.record(z.string(), z.string()), health: z.string(), lastError: z.string() }),
    ),
  }),
});
const querySchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('vector'),
    result: z.array(
      z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) }),
    ),
  }),
});

/**
 * A real Prometheus (Debian's, through scripts/infra/prometheus.sh) on a free loopback port with
 * a data dir of its own, scraping each `job → host:port` every second and evaluating `ruleFiles`.
 */
export async function startPrometheus(
  jobs: Record<string, string>,
  ruleFiles: string[] = [],
): Promise<PrometheusServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'koppel-prometheus-'));
  const port = await freePort();
  const config = join(dataDir, 'prometheus.yml');
  writeFileSync(
    config,
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      '  evaluation_interval: 1s',
      ...(ruleFiles.length > 0 ? ['rule_files:', ...ruleFiles.map((file) => `  - '${file}'`)] : []),
      'scrape_configs:',
      ...Object.entries(jobs).flatMap(([job, address]) => [
        `  - job_name: ${job}`,
        '    static_configs:',
        `      - targets: ['${address}']`,
      ]),
      '',
    ].join('\n'),
  );
  const env = {
    ...process.env,
    KOPPEL_PROM_PORT: String(port),
    KOPPEL_PROM_DATA_DIR: dataDir,
    KOPPEL_PROM_CONFIG: config,
  };
  const { stdout } = await run('bash', [SCRIPT, 'start'], { env, timeout: 60_000 });
  const url = /PROMETHEUS_URL=(\S+)/.exec(stdout)?.[1];
  if (!url) throw new Error(`prometheus.sh start printed no URL: ${stdout}`);
  return {
    url,
    async targets() {
      const body = targetsSchema.parse(await (await fetch(`${url}/api/v1/targets?state=active`)).json());
      return body.data.activeTargets.map((t) => ({
        job: t.labels.job ?? '',
        health: t.health,
        lastError: t.lastError,
      }));
    },
    async query(expr) {
      const response = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body: unknown = await response.json();
      if (!response.ok)
        throw new Error(`query failed (${response.status}): ${JSON.stringify(body)}\n${expr}`);
      return querySchema.parse(body).data.result;
    },
    async stop() {
      await run('bash', [SCRIPT, 'stop'], { env, timeout: 30_000 });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
