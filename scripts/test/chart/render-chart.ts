import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { type HelmTools, repositoryRoot } from './helm-tools.js';

export const chartDir = resolve(repositoryRoot, 'charts/koppel');
export const allFeaturesValues = resolve(chartDir, 'test/values-all-features.yaml');
export const strimziSchemaDir = resolve(chartDir, 'test/schemas');

export type CommandResult = { status: number | null; stdout: string; stderr: string };

export type RenderOptions = {
  kubeVersion: string;
  valuesFiles?: readonly string[];
  /** `--set` entries, e.g. `deployables.ingest.replicaCount=two`. */
  set?: readonly string[];
};

function run(command: string, args: readonly string[], input?: string): CommandResult {
  const result = spawnSync(command, args, {
    cwd: repositoryRoot,
    encoding: 'utf8',
    input,
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function helmLint(tools: HelmTools, valuesFiles: readonly string[] = []): CommandResult {
  return run(tools.HELM, ['lint', '--strict', chartDir, ...valuesFiles.flatMap((file) => ['-f', file])]);
}

/** `helm template` as `helm install` would render it (hooks and the test Pod included). */
export function helmTemplate(tools: HelmTools, options: RenderOptions): CommandResult {
  return run(tools.HELM, [
    'template',
    'koppel',
    chartDir,
    '--namespace',
    'koppel',
    '--kube-version',
    options.kubeVersion,
    ...(options.valuesFiles ?? []).flatMap((file) => ['-f', file]),
    ...(options.set ?? []).flatMap((entry) => ['--set', entry]),
  ]);
}

const manifestSchema = z
  .object({
    apiVersion: z.string(),
    kind: z.string(),
    metadata: z.object({
      name: z.string(),
      namespace: z.string().optional(),
      labels: z.record(z.string(), z.string()).optional(),
      annotations: z.record(z.string(), z.string()).optional(),
    }),
  })
  .loose();

export type Manifest = z.infer<typeof manifestSchema> & Record<string, unknown>;

/** Every non-empty document of a multi-document YAML stream, checked to be a Kubernetes object. */
export function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as unknown)
    .filter((value) => value !== null && value !== undefined)
    .map((value) => manifestSchema.parse(value) as Manifest);
}

export function ofKind(manifests: readonly Manifest[], kind: string): Manifest[] {
  return manifests.filter((manifest) => manifest.kind === kind);
}

const kubeconformSummarySchema = z.object({
  resources: z.array(
    z.object({
      filename: z.string(),
      kind: z.string(),
      name: z.string(),
      status: z.string(),
      msg: z.string(),
    }),
  ),
  summary: z.object({ valid: z.number(), invalid: z.number(), errors: z.number(), skipped: z.number() }),
});

export type KubeconformReport = z.infer<typeof kubeconformSummarySchema>;

/**
 * kubeconform -strict over rendered files (one run, so each kind's schema is compiled once):
 * Kubernetes schemas of that version (kubernetes-validate), then the CloudNativePG and
 * Prometheus-operator CRD schemas, then the chart's own Strimzi schemas. A kind without a schema
 * is an error, not a skip.
 */
export function kubeconform(
  tools: HelmTools,
  files: readonly string[],
  kubeVersion: string,
): KubeconformReport {
  const suffix = '{{ .ResourceKind }}{{ .KindSuffix }}.json';
  const result = run(tools.KUBECONFORM, [
    '-strict',
    // One worker: parallel workers each compile the same kind's schema (4x slower here).
    '-n',
    '1',
    '-summary',
    '-output',
    'json',
    '-verbose',
    '-kubernetes-version',
    kubeVersion,
    '-schema-location',
    `${tools.KUBE_SCHEMAS}/{{ .NormalizedKubernetesVersion }}-standalone-strict/${suffix}`,
    '-schema-location',
    `${tools.CRD_SCHEMAS}/${suffix}`,
    '-schema-location',
    `${strimziSchemaDir}/${suffix}`,
    ...files,
  ]);
  if (result.stdout.trim() === '') {
    throw new Error(`kubeconform printed nothing (exit ${result.status}): ${result.stderr}`);
  }
  return kubeconformSummarySchema.parse(JSON.parse(result.stdout));
}
