import type { FastifyReply, FastifyRequest } from 'fastify';
import { toXml } from './xml.js';

export type Format = 'json' | 'xml';

/** XML unless the client asks for JSON (README.md: "Default response format is XML"). */
export function responseFormat(request: FastifyRequest): Format {
  const accept = request.headers.accept ?? '';
  return /application\/json/i.test(accept) ? 'json' : 'xml';
}

export function serialize(format: Format, body: unknown): { contentType: string; payload: string } {
  return format === 'json'
    ? { contentType: 'application/json; charset=utf-8', payload: JSON.stringify(body) }
    : { contentType: 'application/xml; charset=utf-8', payload: toXml('response', body) };
}

/** Sends an API answer in the negotiated format; `undefined` body sends nothing (204). */
export function sendApi(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body: unknown,
): FastifyReply {
  reply.code(status);
  if (body === undefined) return reply.send();
  const { contentType, payload } = serialize(responseFormat(request), body);
  return reply.type(contentType).send(payload);
}
