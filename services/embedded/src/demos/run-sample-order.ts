/**
 * One demo order end to end over plain HTTP, as a user would with curl: place it through the
 * shop simulator's control API, wait until the target simulator holds the document Koppel made
 * of it, and read the order's journey from the admin API. Used by `npm run demo` and the tests.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ACCOUNTVIEW_DEFAULT_COMPANY } from '@koppel/sim-accountview';
import { INNVOICE_DEFAULT_CREDENTIALS } from '@koppel/sim-innvoice';
import { z } from 'zod';
import type { DemoDefinition } from './demo-definition.js';
import type { SimulatorName } from './simulators.js';

/** Where each target simulator lists its documents in full (its control API). */
const DOCUMENT_LISTINGS: Partial<Record<SimulatorName, string>> = {
  asperion: '/_control/invoices',
  accountview: `/_control/companies/${ACCOUNTVIEW_DEFAULT_COMPANY.Id}/invoices`,
  innvoice: `/_control/companies/${INNVOICE_DEFAULT_CREDENTIALS.name}/documents`,
  mplus: '/_control/orders',
};

export type DemoEndpoints = {
  /** Base URL of each simulator. */
  urls: Readonly<Record<SimulatorName, string>>;
  /** e.g. http://127.0.0.1:8081/admin/v1 */
  adminUrl: string;
  apiKey: string;
};

const stageSchema = z.object({ stage: z.string(), at: z.string(), detail: z.unknown() });
export const journeySchema = z.object({ status: z.string(), stages: z.array(stageSchema) }).passthrough();
export type Journey = z.infer<typeof journeySchema>;
const deliveredSchema = z
  .object({ documentId: z.string(), documentNumber: z.string().optional() })
  .passthrough();
/** The target simulators' shared `GET /_control/documents` (sim-kit): every document with its keys. */
const documentListSchema = z.object({
  documents: z.array(
    z
      .object({ id: z.string(), number: z.string().nullable(), externalOrderId: z.string().nullable() })
      .passthrough(),
  ),
});

export type DemoOutcome = {
  externalOrderId: string;
  documentNumber: string;
  /** The document as the target simulator lists it (or its `/_control/documents` entry). */
  document: unknown;
  journey: Journey;
};

async function call(url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, init).catch((error: unknown) => {
    throw new Error(`${url} does not answer (${String(error)}). Is \`npm start\` running?`);
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {}
  return { status: response.status, body };
}

/** Places the demo's sample order in its shop simulator; answers Koppel's key of the order. */
export async function placeSampleOrder(
  demo: DemoDefinition,
  endpoints: DemoEndpoints,
  email: string,
): Promise<{ externalOrderId: string; answer: unknown }> {
  const { status, body } = await call(`${endpoints.urls[demo.source]}${demo.sampleOrder.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(demo.sampleOrder.body(email)),
  });
  if (status >= 300)
    throw new Error(`the ${demo.source} simulator refused the order: ${status} ${JSON.stringify(body)}`);
  return { externalOrderId: demo.sampleOrder.externalOrderId(body), answer: body };
}

export async function readJourney(
  demo: DemoDefinition,
  endpoints: DemoEndpoints,
  externalOrderId: string,
): Promise<Journey | undefined> {
  const { status, body } = await call(
    `${endpoints.adminUrl}/connections/${demo.id}/orders/${encodeURIComponent(externalOrderId)}`,
    { headers: { authorization: `Bearer ${endpoints.apiKey}` } },
  );
  if (status === 404) return undefined;
  if (status >= 300) throw new Error(`the admin API answered ${status}: ${JSON.stringify(body)}`);
  return journeySchema.parse(body);
}

/**
 * Waits until the journey says the order is in the target and the target simulator itself holds
 * that document (`GET /_control/documents`, by id, number or external order id); fails at once
 * when the order was dead-lettered or skipped, showing the journey.
 */
export async function waitForDocument(
  demo: DemoDefinition,
  endpoints: DemoEndpoints,
  externalOrderId: string,
  timeoutMs = 30_000,
): Promise<DemoOutcome> {
  const target = endpoints.urls[demo.target];
  const deadline = Date.now() + timeoutMs;
  let journey: Journey | undefined;
  while (Date.now() < deadline) {
    journey = await readJourney(demo, endpoints, externalOrderId);
    if (journey && ['dead_lettered', 'skipped'].includes(journey.status)) break;
    const delivered = journey?.stages.find((s) => s.stage === 'delivered' || s.stage === 'already_in_target');
    const parsed = deliveredSchema.safeParse(delivered?.detail);
    if (journey && parsed.success) {
      const { documentId, documentNumber = documentId } = parsed.data;
      const { body } = await call(`${target}/_control/documents`);
      const held = documentListSchema
        .parse(body)
        .documents.find((d) =>
          [d.id, d.number, d.externalOrderId].some((v) => v === documentId || v === documentNumber),
        );
      if (held) {
        return {
          externalOrderId,
          documentNumber,
          document: await describeDocument(demo.target, target, [documentNumber, documentId, held.id]),
          journey,
        };
      }
    }
    await sleep(250);
  }
  throw new Error(
    `no document in the ${demo.target} simulator for order ${externalOrderId} of ${demo.id} within ${timeoutMs / 1000} s; journey:\n${JSON.stringify(journey, null, 2)}`,
  );
}

/** The document's full entry in the target's own listing: the object naming its number or id. */
async function describeDocument(target: SimulatorName, baseUrl: string, keys: string[]) {
  const listing = DOCUMENT_LISTINGS[target];
  const { body } = await call(`${baseUrl}${listing ?? '/_control/documents'}`);
  return findObjectWith(body, keys) ?? body;
}

function findObjectWith(value: unknown, needles: string[]): unknown {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findObjectWith(item, needles);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    const entries = Object.values(value);
    if (
      entries.some((v) => (typeof v === 'string' || typeof v === 'number') && needles.includes(String(v)))
    ) {
      return value;
    }
    for (const v of entries) {
      const found = findObjectWith(v, needles);
      if (found) return found;
    }
  }
  return undefined;
}
