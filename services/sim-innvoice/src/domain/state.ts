import { ASSUMPTIONS } from './assumptions.js';
import { parseDecimal } from './amounts.js';
import type { Company, InnvoiceState } from './model.js';
import type { InnvoiceSeed } from './seed-schema.js';

const toMinor = (value: number, decimals: number) =>
  parseDecimal(String(value), decimals) ?? Math.round(value * 10 ** decimals);

export function stateFromSeed(seed: InnvoiceSeed): InnvoiceState {
  const companies: Company[] = seed.companies.map((c) => ({
    ...c,
    pads: c.pads.map((p) => ({ ...p })),
    priceGroups: c.priceGroups.map((p) => ({ ...p })),
    warehouses: c.warehouses.map((w) => ({ ...w })),
    products: c.products.map((p) => ({
      ...p,
      prices: p.prices.map((pr) => ({ priceGroupId: pr.priceGroupId, amount: toMinor(pr.amount, 2) })),
      stock: p.stock.map((s) => ({ warehouseId: s.warehouseId, quantity: toMinor(s.quantity, 3) })),
    })),
    documents: [],
    partners: [],
    counters: { invoiceTableId: 1, proformaTableId: 1, partnerId: 1, sequences: {} },
  }));
  return { companies, techIdCounter: ASSUMPTIONS.firstTechId };
}
