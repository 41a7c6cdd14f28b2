import pRetry from 'p-retry';

/**
 * Right after topics are created a broker may still answer metadata requests with a retriable
 * error (LEADER_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION while the controller propagates).
 * kafkajs surfaces some of these from `subscribe`; retry them, give up on anything else.
 */
export function retryWhileMetadataSettles<T>(operation: () => Promise<T>): Promise<T> {
  return pRetry(operation, {
    retries: 8,
    minTimeout: 200,
    maxTimeout: 3000,
    shouldRetry: ({ error }) => isRetriableKafkaError(error),
  });
}

function isRetriableKafkaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'retriable' in error && error.retriable === true;
}
