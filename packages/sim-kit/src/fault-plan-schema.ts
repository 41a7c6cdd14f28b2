import { z } from 'zod';
import type { FaultPlan } from './fault-injector.js';

/** The body of `POST /_sim/faults`, checked once at the edge (answers 400 with the issues). */
const status = z.number().int().min(100).max(599);
const method = z
  .string()
  .regex(/^[A-Za-z]+$/)
  .transform((m) => m.toUpperCase());
const path = z.string().startsWith('/');
const answer = {
  status,
  retryAfterSeconds: z.number().int().min(0).optional(),
  body: z.unknown().optional(),
};
const where = { method: method.optional(), pathPrefix: path.optional() };

export const FaultRuleSchema = z
  .object({
    kind: z.enum(['fail', 'drop', 'succeed-then-timeout']),
    ...where,
    path: path.optional(),
    count: z.number().int().min(0).default(1),
    ...answer,
    status: status.optional(),
    holdMs: z.number().int().min(0).optional(),
  })
  .refine((r) => r.kind !== 'fail' || r.status !== undefined, {
    message: 'a fail rule needs a status',
    path: ['status'],
  });

export const FaultPlanSchema = z.object({
  rules: z.array(FaultRuleSchema).optional(),
  failNext: z.object({ count: z.number().int().min(0), ...answer, ...where }).optional(),
  failSequence: z.array(z.object({ ...answer, ...where })).optional(),
  latencyMs: z.number().int().min(0).optional(),
  dropNext: z.object({ count: z.number().int().min(0), ...where }).optional(),
});

export function parseFaultPlan(
  body: unknown,
): { ok: true; plan: FaultPlan } | { ok: false; issues: z.core.$ZodIssue[] } {
  const parsed = FaultPlanSchema.safeParse(body ?? {});
  if (!parsed.success) return { ok: false, issues: parsed.error.issues };
  return { ok: true, plan: parsed.data };
}
