import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

/**
 * Permissive mode and document counting, the same on every target simulator (issue 8: a test of
 * "booked exactly once" must be able to fail, so the target must be able to accept a duplicate).
 */
export type SimulatorMode = {
  /** True: the simulator accepts duplicate document numbers / external order ids. */
  permissive(): boolean;
  setPermissive(permissive: boolean): void;
  /** Back to the build option. */
  reset(): void;
};

export function createSimulatorMode(initial: { permissive: boolean }): SimulatorMode {
  let permissive = initial.permissive;
  return {
    permissive: () => permissive,
    setPermissive(next) {
      permissive = next;
    },
    reset() {
      permissive = initial.permissive;
    },
  };
}

/** One stored document as the counting routes show it; `null` where the target has no such key. */
export type DocumentRef = {
  /** The target's own id (REC_ID, techid, orderId…). */
  id: string;
  /** e.g. `salesinvoice`, `journal-page`, `sales-order`, `order`, `invoice`, `proforma`. */
  kind: string;
  /** The document number as the API shows it (invoice number, order number). */
  number: string | null;
  /** The shop's order id as the target stores it, where it has a field for it. */
  externalOrderId: string | null;
  /** A digest of what was posted, for targets with neither (two identical posts share it). */
  contentKey: string | null;
};

const KEYS = ['number', 'externalOrderId', 'contentKey'] as const;
const ModeBodySchema = z.object({ permissive: z.boolean() });
const DocumentQuerySchema = z.object({
  kind: z.string().optional(),
  number: z.string().optional(),
  externalOrderId: z.string().optional(),
  contentKey: z.string().optional(),
});
const DuplicatesQuerySchema = z.object({ by: z.enum(KEYS).default('number'), kind: z.string().optional() });

/**
 * Installs, under `prefix` (default `/_control`):
 * - `GET {prefix}/mode` → `{permissive}`; `PUT {prefix}/mode` `{permissive: boolean}` → `{permissive}`
 * - `GET {prefix}/documents?kind=&number=&externalOrderId=&contentKey=` → `{count, documents}`
 * - `GET {prefix}/documents/duplicates?by=number|externalOrderId|contentKey&kind=`
 *   → `{by, duplicates: [{value, count, ids}]}` (only keys held by more than one document)
 */
export function installDocumentControl(
  app: FastifyInstance,
  options: { prefix?: string; mode: SimulatorMode; documents: () => DocumentRef[] },
): void {
  const prefix = options.prefix ?? '/_control';
  const { mode } = options;
  const invalid = (issues: z.core.$ZodIssue[]) => ({ error: 'invalid control request', issues });

  app.get(`${prefix}/mode`, async () => ({ permissive: mode.permissive() }));
  app.put(`${prefix}/mode`, async (request, reply) => {
    const body = ModeBodySchema.safeParse(request.body ?? {});
    if (!body.success) return reply.code(400).send(invalid(body.error.issues));
    mode.setPermissive(body.data.permissive);
    return { permissive: mode.permissive() };
  });
  app.get(`${prefix}/documents`, async (request, reply) => {
    const query = DocumentQuerySchema.safeParse(request.query ?? {});
    if (!query.success) return reply.code(400).send(invalid(query.error.issues));
    const q = query.data;
    const documents = options
      .documents()
      .filter(
        (d) =>
          (q.kind === undefined || d.kind === q.kind) &&
          KEYS.every((key) => q[key] === undefined || d[key] === q[key]),
      );
    return { count: documents.length, documents };
  });
  app.get(`${prefix}/documents/duplicates`, async (request, reply) => {
    const query = DuplicatesQuerySchema.safeParse(request.query ?? {});
    if (!query.success) return reply.code(400).send(invalid(query.error.issues));
    const { by, kind } = query.data;
    const groups = new Map<string, string[]>();
    for (const d of options.documents()) {
      const value = d[by];
      if (value === null || (kind !== undefined && d.kind !== kind)) continue;
      groups.set(value, [...(groups.get(value) ?? []), d.id]);
    }
    const duplicates = [...groups]
      .filter(([, ids]) => ids.length > 1)
      .map(([value, ids]) => ({ value, count: ids.length, ids }));
    return { by, duplicates };
  });
}
