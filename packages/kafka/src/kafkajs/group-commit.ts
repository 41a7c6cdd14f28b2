import type { Message, Producer, TopicMessages } from 'kafkajs';

type Pending = { topic: string; messages: Message[]; resolve: () => void; reject: (error: unknown) => void };

/**
 * Sends concurrent publishes together: while one batch is in flight, new publishes wait and then
 * leave as one `sendBatch` (one produce request per broker) instead of one request each. Each
 * caller still resolves only when its own records are acknowledged by all in-sync replicas, and
 * a failed batch rejects every caller in it. Order is kept: batches leave one after another and
 * records keep their publish order inside a batch.
 */
export function createGroupCommitSender(producer: () => Promise<Producer>) {
  let pending: Pending[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    try {
      while (pending.length > 0) {
        const batch = pending;
        pending = [];
        try {
          const p = await producer();
          await p.sendBatch({ acks: -1, topicMessages: groupByTopic(batch) });
          for (const item of batch) item.resolve();
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      flushing = false;
    }
  }

  return function send(topic: string, messages: Message[]): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      pending.push({ topic, messages, resolve, reject });
      if (!flushing) void flush();
    });
  };
}

function groupByTopic(batch: Pending[]): TopicMessages[] {
  const byTopic = new Map<string, Message[]>();
  for (const item of batch) {
    const list = byTopic.get(item.topic) ?? [];
    list.push(...item.messages);
    byTopic.set(item.topic, list);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}
