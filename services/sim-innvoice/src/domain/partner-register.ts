import type { Buyer, Company, Partner } from './model.js';

/**
 * InnVoice keeps a partner register, but no partner endpoint is known (notes §4.2 gap). The
 * simulator upserts the buyer of every accepted document [I]: same tax number, else same e-mail,
 * else same name + postcode + city is the same partner; the newest document's address wins.
 */
const normalise = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

function keyOf(buyer: Buyer): string {
  if (buyer.taxNumber !== '') return `tax:${buyer.taxNumber.replace(/[\s-]/g, '').toUpperCase()}`;
  if (buyer.email !== '') return `mail:${normalise(buyer.email)}`;
  return `name:${normalise(buyer.name)}|${normalise(buyer.postCode)}|${normalise(buyer.city)}`;
}

export function upsertPartner(company: Company, buyer: Buyer, techId: string): Partner {
  const key = keyOf(buyer);
  const existing = company.partners.find((p) => keyOf(p) === key);
  if (existing) {
    Object.assign(existing, buyer);
    if (!existing.documentTechIds.includes(techId)) existing.documentTechIds.push(techId);
    return existing;
  }
  const partner: Partner = { ...buyer, id: company.counters.partnerId++, documentTechIds: [techId] };
  company.partners.push(partner);
  return partner;
}
