import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { z } from 'zod';

export const repositoryRoot = resolve(import.meta.dirname, '../../..');
const helmToolsScript = resolve(repositoryRoot, 'scripts/infra/helm-tools.sh');

const helmToolsSchema = z.object({
  HELM: z.string().min(1),
  KUBECONFORM: z.string().min(1),
  KUBE_SCHEMAS: z.string().min(1),
  CRD_SCHEMAS: z.string().min(1),
});

export type HelmTools = z.infer<typeof helmToolsSchema>;

/** True when helm, kubeconform and the schemas are already in the cache (no compile ahead). */
export function helmToolsInstalled(): boolean {
  return spawnSync('bash', [helmToolsScript, 'status'], { encoding: 'utf8' }).status === 0;
}

/**
 * Paths of helm, kubeconform and the schema folders, from scripts/infra/helm-tools.sh, which
 * installs them first when missing (the first run on a machine compiles for minutes; later runs
 * read the cache). Fails loudly with the script's output when it cannot.
 */
export function resolveHelmTools(): HelmTools {
  const result = spawnSync('bash', [helmToolsScript, 'env'], {
    encoding: 'utf8',
    timeout: 40 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.status !== 0) {
    throw new Error(
      `bash ${helmToolsScript} env failed (exit ${result.status ?? result.signal}):\n${result.stderr.slice(-4000)}`,
    );
  }
  const entries = result.stdout
    .split('\n')
    .filter((line) => line.includes('='))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]);
  return helmToolsSchema.parse(Object.fromEntries(entries));
}
