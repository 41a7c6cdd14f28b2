/** Loads the Shoprenter webhook fixtures and runs them through the connector. */
import { readdirSync, readFileSync } from 'node:fs';
import type { DecodeContext, WebhookEvent, WebhookInput } from '@koppel/connector-sdk';
import type { CanonicalOrder } from '@koppel/contracts';
import { shoprenterConnector } from '../src/index.js';

const DIRECTORY = new URL('./fixtures/shoprenter/', import.meta.url);

export type ExpectedError = { code: string; field: string };

export const expectedErrors: Record<string, ExpectedError> = JSON.parse(
  readFileSync(new URL('expected-errors.json', DIRECTORY), 'utf8'),
);

/** Every webhook body fixture (the expectations file excluded), sorted. */
export function fixtureNames(): string[] {
  return readdirSync(DIRECTORY)
    .filter((name) => /\.(json|xml)$/.test(name) && name !== 'expected-errors.json')
    .sort();
}

export function contentTypeOf(name: string): string {
  return name.endsWith('.xml') ? 'application/xml' : 'application/json';
}

export function readFixture(name: string): string {
  return readFileSync(new URL(name, DIRECTORY), 'utf8');
}

export function splitFixture(name: string): WebhookEvent[] {
  return split({ contentType: contentTypeOf(name), body: readFixture(name) });
}

/** The connector's webhook split with an empty query and headers unless given. */
export function split(input: Partial<WebhookInput> & { contentType: string; body: string }): WebhookEvent[] {
  const webhook = shoprenterConnector.webhook;
  if (!webhook) throw new Error('the Shoprenter connector has a webhook capability');
  return webhook.split({ query: {}, headers: {}, ...input });
}

export function contextFor(event: WebhookEvent): DecodeContext {
  return {
    connectionId: 'conn-1',
    tenantId: 'tenant-1',
    eventType: event.eventType,
    receivedAt: new Date('2025-03-01T12:00:00Z'),
  };
}

export function decodeFixture(name: string): CanonicalOrder[] {
  return splitFixture(name).map((event) => shoprenterConnector.decodeOrder(event.payload, contextFor(event)));
}
