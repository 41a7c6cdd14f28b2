/**
 * Parses a Shoprenter webhook body, JSON or XML (the webhook's `type`), into the normalised
 * tree of payload-normalizer.ts. Nothing is coerced: JSON numbers keep their source text
 * ("1000.0"), XML values stay strings.
 * https://doc.shoprenter.hu/api/webhook.html
 */
import { appError } from '@koppel/errors';
import { parseUntrustedXml } from '@koppel/connector-sdk';
import { XMLParser } from 'fast-xml-parser';
import { parse as parseLossless } from 'lossless-json';
import { type NormalizedValue, normalizeValue } from './payload-normalizer.js';

export const JSON_CONTENT_TYPES: readonly string[] = ['application/json'];
export const XML_CONTENT_TYPES: readonly string[] = ['application/xml', 'text/xml'];

function parseJson(body: string): unknown {
  try {
    // Numbers keep their source text ("1000.0" stays "1000.0"), as the XML body gives them.
    return parseLossless(body, null, (numberText) => numberText);
  } catch (error) {
    throw appError('MALFORMED_BODY', `body is not valid JSON: ${(error as Error).message}`, {
      field: 'body',
      cause: error,
    });
  }
}

const LIST_TAGS: ReadonlySet<string> = new Set(['order', 'orderProduct', 'volumeUnit', 'weightUnit']);

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (tagName) => LIST_TAGS.has(tagName),
});

function parseXml(body: string): unknown {
  const parsed = parseUntrustedXml(xmlParser, body);
  if (!parsed.ok) {
    const { line, message } = parsed.problem;
    throw appError('MALFORMED_BODY', `body is not accepted XML (line ${line}): ${message}`, {
      field: 'body',
    });
  }
  return parsed.value;
}

/** The body as a normalised tree; MALFORMED_BODY (field `body`) when it does not parse. */
export function parseWebhookBody(contentType: string, body: string): NormalizedValue {
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  const text = body.replace(/^\uFEFF/, '');
  if (JSON_CONTENT_TYPES.includes(mediaType)) return normalizeValue(parseJson(text));
  if (XML_CONTENT_TYPES.includes(mediaType)) return normalizeValue(parseXml(text));
  throw appError('UNSUPPORTED_MEDIA_TYPE', `Shoprenter webhooks are JSON or XML, not "${contentType}"`, {
    field: 'content-type',
  });
}
