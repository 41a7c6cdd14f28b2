import { dockerEngineMayAnswer } from './docker-engine.js';
import { infrastructureFromProjectScripts } from './from-project-scripts.js';
import { type Infrastructure, infrastructureFromEnvironment } from './infrastructure.js';

export type { Infrastructure } from './infrastructure.js';

let resolving: Promise<Infrastructure> | undefined;

/** Resolved once per process; later calls share the answer. */
export function resolveInfrastructure(env: NodeJS.ProcessEnv = process.env): Promise<Infrastructure> {
  resolving ??= resolveOnce(env);
  return resolving;
}

async function resolveOnce(env: NodeJS.ProcessEnv): Promise<Infrastructure> {
  const fromEnvironment = infrastructureFromEnvironment(env);
  if (fromEnvironment) return fromEnvironment;
  if (dockerEngineMayAnswer(env)) {
    try {
      const { infrastructureFromTestcontainers } = await import('./from-testcontainers.js');
      return await infrastructureFromTestcontainers();
    } catch (error) {
      process.stderr.write(`testcontainers could not start (${String(error)}); using scripts/infra/up.sh\n`);
    }
  }
  return infrastructureFromProjectScripts();
}
