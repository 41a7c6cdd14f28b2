import type { z } from 'zod';
import { SoapFault } from './envelope.js';

/** Validates an operation's element; a violation is a Client fault naming the element at fault. */
export function parseRequest<S extends z.ZodType>(operation: string, schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body === '' || body === undefined ? {} : body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = [operation, ...(issue?.path ?? [])].join('/');
  throw new SoapFault(
    'SOAP-ENV:Client',
    `Validation constraint violation: ${issue?.message ?? 'invalid'} in element '${path}'`,
  );
}

/** Fields may sit directly under the operation element or inside `request` (see assumptions). */
export function unwrapRequest(body: unknown): unknown {
  if (body && typeof body === 'object' && 'request' in body) return (body as { request: unknown }).request;
  return body;
}
