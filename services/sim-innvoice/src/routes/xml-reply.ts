import type { FastifyReply } from 'fastify';
import { ERROR_CODES, type ErrorCodeName } from '../domain/assumptions.js';
import type { Issue } from '../domain/issues.js';
import { el, group, toXmlDocument, type XmlNode } from '../xml/xml-writer.js';

/**
 * Replies in InnVoice's formats: success documents, and errors as
 * `<response><error>CODE</error><message><![CDATA[text]]></message></response>` (notes §4.3).
 */
const HTTP_STATUS: Record<ErrorCodeName, number> = {
  badXml: 400,
  missingField: 400,
  invalidField: 400,
  unauthorized: 401,
  notFound: 404,
  conflict: 409,
  tooManyRequests: 429,
  serverError: 500,
  unavailable: 503,
};

export function errorXml(code: string, message: string): string {
  return toXmlDocument(group('response', [el('error', code), el('message', message, true)]));
}

export function sendXml(reply: FastifyReply, root: XmlNode, status = 200) {
  return reply.code(status).type('text/xml; charset=utf-8').send(toXmlDocument(root));
}

export function sendError(reply: FastifyReply, code: ErrorCodeName, message: string) {
  return reply
    .code(HTTP_STATUS[code])
    .type('text/xml; charset=utf-8')
    .send(errorXml(ERROR_CODES[code], message));
}

export function sendIssues(reply: FastifyReply, issues: Issue[]) {
  const first = issues[0];
  return sendError(reply, first?.code ?? 'invalidField', issues.map((i) => i.message).join('; '));
}

/** Error codes by HTTP status, for injected faults. */
export function codeForStatus(status: number): string {
  const match = (Object.entries(HTTP_STATUS) as [ErrorCodeName, number][]).find(([, s]) => s === status);
  return match ? ERROR_CODES[match[0]] : String(status);
}
