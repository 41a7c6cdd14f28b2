import { existsSync } from 'node:fs';

/**
 * A cheap guess whether a Docker engine may answer, so machines without one never load
 * testcontainers: DOCKER_HOST set, or the default socket present. testcontainers itself then
 * makes the real check.
 */
export function dockerEngineMayAnswer(env: NodeJS.ProcessEnv): boolean {
  if (env.KOPPEL_TEST_NO_DOCKER === '1') return false;
  return Boolean(env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
}
