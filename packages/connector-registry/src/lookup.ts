import type { AnySourceConnector, AnyTargetConnector } from '@koppel/connector-sdk';
import { deliveryTopicFor, type TopicSpec, topics } from '@koppel/contracts';
import { sourceConnectors, targetConnectors } from './registry.js';

export function findSourceConnector(system: string): AnySourceConnector | undefined {
  return sourceConnectors.find((connector) => connector.system === system);
}

export function findTargetConnector(system: string): AnyTargetConnector | undefined {
  return targetConnectors.find((connector) => connector.system === system);
}

/** Source systems that have a connector, e.g. for the admin API's enum. */
export function sourceSystems(): string[] {
  return sourceConnectors.map((connector) => connector.system);
}

export function targetSystems(): string[] {
  return targetConnectors.map((connector) => connector.system);
}

/** Sources Koppel can poll (their only way in, or a reconciliation poll beside webhooks). */
export function polledSourceConnectors(): AnySourceConnector[] {
  return sourceConnectors.filter((connector) => connector.poller !== undefined);
}

/** Every topic of the pipeline: the core topics and one `deliveries.<target>` per target connector. */
export function pipelineTopics(): TopicSpec[] {
  return [
    ...Object.values(topics),
    ...targetConnectors.map((connector) => deliveryTopicFor(connector.system)),
  ];
}
