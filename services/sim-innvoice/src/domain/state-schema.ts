import { z } from 'zod';
import type { InnvoiceState } from './model.js';

/**
 * Shape check of a state file written by an earlier run: enough to fail fast on a foreign or
 * truncated file, without restating every field of the model.
 */
const CompanyStateSchema = z.looseObject({
  name: z.string(),
  username: z.string(),
  password: z.string(),
  pads: z.array(z.looseObject({ id: z.number(), prefix: z.string() })),
  priceGroups: z.array(z.looseObject({ id: z.number() })),
  warehouses: z.array(z.looseObject({ id: z.number() })),
  products: z.array(z.looseObject({ sku: z.string() })),
  documents: z.array(z.looseObject({ techId: z.string(), kind: z.enum(['invoice', 'proforma']) })),
  partners: z.array(z.looseObject({ id: z.number() })),
  counters: z.looseObject({
    invoiceTableId: z.number().int(),
    proformaTableId: z.number().int(),
    partnerId: z.number().int(),
    sequences: z.record(z.string(), z.number().int()),
  }),
});

const InnvoiceStateSchema = z.object({
  companies: z.array(CompanyStateSchema),
  techIdCounter: z.number().int().positive(),
});

export function parseState(raw: unknown, source: string): InnvoiceState {
  const parsed = InnvoiceStateSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`invalid InnVoice state in ${source}:\n${z.prettifyError(parsed.error)}`);
  return parsed.data as InnvoiceState;
}
