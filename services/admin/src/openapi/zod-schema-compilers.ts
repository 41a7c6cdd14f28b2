import { appError } from '@koppel/errors';
import type { FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { z } from 'zod';

/**
 * Zod schemas are the one source of truth for the admin API: fastify validates requests and
 * serializes responses with them (these compilers), and the OpenAPI document is generated from
 * them (zod-openapi-transform.ts). No second JSON-schema validator runs.
 */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

export function isZodSchema(value: unknown): value is z.ZodType {
  return value instanceof z.ZodType;
}

/** `['lines', 0, 'sku']` → `lines[0].sku`, as problem+json `field` values are spelled. */
export function toFieldPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  }
  return out;
}

/** Unknown keys are listed on the object, so the field names the unknown key itself. */
export function issueField(prefix: string, issue: z.core.$ZodIssue): string {
  const base = toFieldPath(prefix, issue.path);
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) return `${base}.${issue.keys[0]}`;
  return base;
}

/** The fastify request part (`body`, `params`, `querystring`, `headers`) as the field prefix. */
function partPrefix(httpPart: string | undefined): string {
  if (httpPart === 'querystring') return 'query';
  return httpPart ?? 'request';
}

export const zodValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  if (!isZodSchema(schema)) throw new Error(`route ${httpPart ?? ''} schema is not a zod schema`);
  const prefix = partPrefix(httpPart);
  return (data: unknown) => {
    const result = schema.safeParse(data ?? undefined);
    if (result.success) {
      const nulAt = findNulCharacter(result.data, []);
      if (!nulAt) return { value: result.data };
      const field = toFieldPath(prefix, nulAt);
      return {
        error: appError('VALIDATION_FAILED', `${field}: must not contain the NUL character (U+0000)`, {
          field,
        }),
      };
    }
    const issues = result.error.issues.map((issue) => ({
      field: issueField(prefix, issue),
      message: issue.message,
    }));
    const first = issues[0];
    const message = issues.map((i) => `${i.field}: ${i.message}`).join('; ');
    return {
      error: appError('VALIDATION_FAILED', message, { field: first?.field ?? prefix, details: { issues } }),
    };
  };
};

/**
 * Postgres text and jsonb cannot hold U+0000 ("invalid byte sequence for encoding UTF8: 0x00"),
 * so a string or key carrying it is refused here, as the caller's fault, before any route
 * stores it. Answers the path of the first one, or undefined.
 */
function findNulCharacter(value: unknown, path: PropertyKey[]): PropertyKey[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNulCharacter(item, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value !== 'object' || value === null || value instanceof Date) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = findNulCharacter(item, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Responses go through their zod schema before JSON: unknown keys are stripped, so a field
 * that is not in the documented schema (a credential, say) can never leak by accident.
 */
export const zodSerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) => {
  if (!isZodSchema(schema)) return (data: unknown) => JSON.stringify(data);
  return (data: unknown) => JSON.stringify(schema.parse(data));
};
