import type { SwaggerTransform } from '@fastify/swagger';
import type { FastifySchema } from 'fastify';
import { z } from 'zod';
import { bodyProblemResponses } from '../schemas/problem-schemas.js';
import { isZodSchema } from './zod-schema-compilers.js';

type JsonSchema = Record<string, unknown>;

/**
 * OpenAPI 3.1 uses JSON Schema 2020-12 as is, so zod converts straight to that dialect:
 * requests as their input type (defaults optional), responses as their output type.
 */
export function toOpenApiSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io });
  return json;
}

function convertResponse(entry: unknown): unknown {
  if (isZodSchema(entry)) return toOpenApiSchema(entry, 'output');
  if (typeof entry !== 'object' || entry === null || !('content' in entry)) return entry;
  const content = (entry as { content: Record<string, { schema: unknown }> }).content;
  return {
    ...entry,
    content: Object.fromEntries(
      Object.entries(content).map(([mediaType, media]) => [
        mediaType,
        {
          ...media,
          schema: isZodSchema(media.schema) ? toOpenApiSchema(media.schema, 'output') : media.schema,
        },
      ]),
    ),
  };
}

/** Methods whose requests fastify parses a body for, so 413 and 415 can answer them. */
const BODY_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function acceptsBody(method: string | string[]): boolean {
  return (Array.isArray(method) ? method : [method]).some((m) => BODY_METHODS.has(m.toUpperCase()));
}

/**
 * @fastify/swagger `transform`: every zod schema in a route becomes JSON Schema for the document,
 * and a route that takes a body also lists the 413 and 415 fastify answers before it runs.
 */
export const zodOpenApiTransform: SwaggerTransform = ({ schema, url, route }) => {
  if (!schema) return { schema, url };
  const out: Record<string, unknown> = { ...schema };
  for (const part of ['body', 'params', 'querystring', 'headers'] as const) {
    const value = schema[part];
    if (isZodSchema(value)) out[part] = toOpenApiSchema(value, 'input');
  }
  if (schema.response && typeof schema.response === 'object') {
    const response = acceptsBody(route.method)
      ? { ...bodyProblemResponses, ...schema.response }
      : schema.response;
    out.response = Object.fromEntries(
      Object.entries(response).map(([status, entry]) => [status, convertResponse(entry)]),
    );
  }
  return { schema: out as FastifySchema, url };
};
