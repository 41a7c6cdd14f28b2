import type { FastifyReply } from 'fastify';
import { INVALID_REQUEST_BODY, INVALID_REQUEST_STATUS, type RejectionReason } from '../domain/assumptions.js';

/** RPC answers: XML documents; every refusal is the same "invalid request" body (notes 3.1). */
export const XML_CONTENT_TYPE = 'text/xml; charset=UTF-8';

export class RpcRejection extends Error {
  readonly reason: RejectionReason;
  constructor(reason: RejectionReason, message: string = reason) {
    super(message);
    this.name = 'RpcRejection';
    this.reason = reason;
  }
}

export function sendInvalidRequest(reply: FastifyReply, reason: RejectionReason): FastifyReply {
  return reply
    .code(INVALID_REQUEST_STATUS)
    .header('x-simulator-reason', reason)
    .type(XML_CONTENT_TYPE)
    .send(INVALID_REQUEST_BODY);
}

export function sendXml(reply: FastifyReply, xml: string): FastifyReply {
  return reply.code(200).type(XML_CONTENT_TYPE).send(xml);
}

/** sim-kit fault renderer: injected failures keep their HTTP status, with the RPC error body. */
export function renderFault(_status: number, reply: FastifyReply): unknown {
  reply.type(XML_CONTENT_TYPE);
  return INVALID_REQUEST_BODY;
}
