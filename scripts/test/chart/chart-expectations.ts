import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pipelineTopics } from '@koppel/connector-registry';
import { parse } from 'yaml';
import { z } from 'zod';
import { repositoryRoot } from './helm-tools.js';
import { chartDir } from './render-chart.js';

/** Folders of services/ that are not deployed to a cluster: the one-process mode, sandbox, simulators. */
const notDeployed = (folder: string) =>
  folder === 'embedded' || folder === 'sandbox' || folder.startsWith('sim-');

/** Every deployable of services/ that runs in production (has a src/main.ts and is no simulator). */
export function productionDeployables(): string[] {
  return readdirSync(resolve(repositoryRoot, 'services'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !notDeployed(entry.name))
    .filter((entry) => {
      try {
        return readFileSync(resolve(repositoryRoot, 'services', entry.name, 'src/main.ts')).length > 0;
      } catch {
        return false;
      }
    })
    .map((entry) => entry.name)
    .sort();
}

const chartValuesSchema = z.object({
  deployables: z.record(z.string(), z.looseObject({ enabled: z.boolean() })),
  topics: z.array(z.object({ name: z.string(), partitions: z.number(), retentionMs: z.number() }).strict()),
});

export function chartDefaultValues(): z.infer<typeof chartValuesSchema> {
  return chartValuesSchema.parse(parse(readFileSync(resolve(chartDir, 'values.yaml'), 'utf8')));
}

export type TopicSettings = { name: string; partitions: number; retentionMs: number };

/** The topics of packages/contracts/src/topics.ts plus one delivery topic per target connector. */
export function contractTopics(): TopicSettings[] {
  return sortTopics(
    pipelineTopics().map(({ name, partitions, retentionMs }) => ({ name, partitions, retentionMs })),
  );
}

export function sortTopics(topics: readonly TopicSettings[]): TopicSettings[] {
  return [...topics].sort((a, b) => a.name.localeCompare(b.name));
}

/** Files of the chart folder matching `<dir>/*.<ext>` (what .Files.Glob sees). */
export function chartFiles(dir: string, ext: string): string[] {
  try {
    return readdirSync(resolve(chartDir, dir))
      .filter((name) => name.endsWith(`.${ext}`))
      .sort();
  } catch {
    return [];
  }
}
