import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { fail, ok, type Result } from '../domain/issues.js';
import { toFieldPath } from '../domain/wire-schemas.js';

/** Type-parses a JSON body; every type error becomes an issue on its dotted field (`$` for the root). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): Result<z.output<S>> {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return fail([{ field: '$', key: 'invalidValue' }]);
  const parsed = schema.safeParse(body);
  if (parsed.success) return ok(parsed.data);
  return fail(
    parsed.error.issues.map((issue) => ({
      field: toFieldPath(issue.path) || '$',
      key: 'invalidValue' as const,
    })),
  );
}

/** `?validateOnly=true` dry run (notes §1.2); any other value than true/false is a validation error. */
export function validateOnly(request: FastifyRequest): Result<boolean> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const entry = Object.entries(query).find(([k]) => k.toLowerCase() === 'validateonly');
  if (!entry) return ok(false);
  const value = String(entry[1]).toLowerCase();
  if (value !== 'true' && value !== 'false') return fail([{ field: 'validateOnly', key: 'invalidValue' }]);
  return ok(value === 'true');
}

export function parseId(raw: string): number | undefined {
  return /^\d+$/.test(raw) && Number(raw) > 0 && Number(raw) <= 2_147_483_647 ? Number(raw) : undefined;
}
