import type { FastifyReply } from 'fastify';
import { XMLBuilder } from 'fast-xml-parser';
import { XML_ITEM_NAMES } from '../domain/assumptions.js';

/** Answers in the requested `format` (json default, xml; notes 2.1). XML names: see assumptions. */
const builder = new XMLBuilder({ ignoreAttributes: true, suppressEmptyNode: false });

function toXmlTree(value: unknown, key: string): unknown {
  if (Array.isArray(value)) {
    const item = XML_ITEM_NAMES[key] ?? 'item';
    return { [item]: value.map((v) => toXmlTree(v, item)) };
  }
  if (value === null) return '';
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toXmlTree(v, k)]));
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return value;
}

export function renderXml(root: string, body: unknown): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: toXmlTree(body, root) })}`;
}

export function respond(
  reply: FastifyReply,
  format: 'json' | 'xml',
  root: string,
  body: unknown,
): FastifyReply {
  if (format === 'xml') return reply.type('application/xml; charset=utf-8').send(renderXml(root, body));
  return reply.type('application/json; charset=utf-8').send(body);
}
