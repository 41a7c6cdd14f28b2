import { z } from 'zod';
import type { Manifest } from './render-chart.js';

/** The parts of rendered manifests the chart test reads, parsed rather than cast. */

const envVarSchema = z.looseObject({
  name: z.string(),
  value: z.string().optional(),
  valueFrom: z
    .looseObject({ secretKeyRef: z.object({ name: z.string(), key: z.string() }).optional() })
    .optional(),
});

const probeSchema = z.looseObject({ httpGet: z.looseObject({ path: z.string() }) });

const containerSchema = z.looseObject({
  name: z.string(),
  command: z.array(z.string()).optional(),
  env: z.array(envVarSchema).default([]),
  securityContext: z
    .looseObject({
      readOnlyRootFilesystem: z.boolean().optional(),
      allowPrivilegeEscalation: z.boolean().optional(),
    })
    .optional(),
  livenessProbe: probeSchema.optional(),
  readinessProbe: probeSchema.optional(),
  startupProbe: probeSchema.optional(),
  resources: z
    .looseObject({ requests: z.record(z.string(), z.union([z.string(), z.number()])).optional() })
    .optional(),
});

const podSpecSchema = z.looseObject({
  serviceAccountName: z.string().optional(),
  securityContext: z.looseObject({ runAsNonRoot: z.boolean().optional() }).optional(),
  containers: z.array(containerSchema).min(1),
});

const podTemplateOwnerSchema = z.looseObject({
  spec: z.looseObject({ template: z.looseObject({ spec: podSpecSchema }) }),
});

const secretSchema = z.looseObject({ data: z.record(z.string(), z.string()) });

const kafkaTopicSchema = z.looseObject({
  spec: z.looseObject({
    topicName: z.string(),
    partitions: z.number(),
    config: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
});

export type PodSpec = z.infer<typeof podSpecSchema>;

/** The pod spec of a Deployment or Job. */
export function podSpecOf(manifest: Manifest): PodSpec {
  return podTemplateOwnerSchema.parse(manifest).spec.template.spec;
}

/** The first container's environment by variable name. */
export function envByName(manifest: Manifest): Record<string, z.infer<typeof envVarSchema>> {
  return Object.fromEntries((podSpecOf(manifest).containers[0]?.env ?? []).map((e) => [e.name, e]));
}

export function secretData(manifest: Manifest): Record<string, string> {
  return secretSchema.parse(manifest).data;
}

/** A KafkaTopic as topic settings, with the given prefix taken off the topic name. */
export function kafkaTopicSettings(manifest: Manifest, prefix: string) {
  const { spec } = kafkaTopicSchema.parse(manifest);
  return {
    name: spec.topicName.startsWith(prefix) ? spec.topicName.slice(prefix.length) : spec.topicName,
    partitions: spec.partitions,
    retentionMs: Number(spec.config['retention.ms']),
  };
}
