import { appError } from '@koppel/errors';
import type { FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import { z } from 'zod';
import { findUnstorableInput } from './unstorable-input.js';

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

/**
 * A union that matched no alternative reports only "Invalid input" at the union itself; the
 * alternative that came closest (fewest issues, the first on a tie) says which field is at
 * fault, so its issues stand in for the union's, under the union's path.
 */
export function leafIssues(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
    const closest = issue.errors.reduce((best, branch) => (branch.length < best.length ? branch : best));
    if (closest.length === 0) return [issue];
    return leafIssues(closest.map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
  });
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
      const unstorable = findUnstorableInput(result.data);
      if (!unstorable) return { value: result.data };
      const field = toFieldPath(prefix, unstorable.path);
      return { error: appError('VALIDATION_FAILED', `${field}: ${unstorable.problem}`, { field }) };
    }
    const issues = leafIssues(result.error.issues).map((issue) => ({
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
 * Responses go through their zod schema before JSON: unknown keys are stripped, so a field
 * that is not in the documented schema (a credential, say) can never leak by accident.
 */
export const zodSerializerCompiler: FastifySerializerCompiler<unknown> = ({ schema }) => {
  if (!isZodSchema(schema)) return (data: unknown) => JSON.stringify(data);
  return (data: unknown) => JSON.stringify(schema.parse(data));
};
