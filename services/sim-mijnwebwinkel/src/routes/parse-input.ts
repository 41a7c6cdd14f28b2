import type { z } from 'zod';
import { invalidInput } from '../errors.js';

/** Parses a query, path or body with its schema; a failure is a 422 naming the field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'query' | 'body',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidInput(result.error, where);
  return result.data;
}
