/**
 * Relation steps of the Mplus connector: found by e-mail (`findRelation` with the e-mail filled
 * in), created (`createRelation`) or brought up to date (`getRelation` + `updateRelation` with
 * the changed fields only). Result enums from the WSDL; a `…-FAILED` is MPLUS_REJECTED.
 */
import type { TargetDebtor } from '@koppel/connector-sdk';
import type { CanonicalOrder, CustomerRef } from '@koppel/contracts';
import { normalizeEmail } from '@koppel/order-model';
import {
  createRelationResponse,
  findRelationResponse,
  getRelationResponse,
  type MplusRelation,
  updateRelationResponse,
} from './api-schemas.js';
import { mplusError } from './errors.js';
import { mapRelation, relationChanges } from './map-relation.js';
import type { MplusSession } from './session.js';

export async function findDebtorByEmail(session: MplusSession, email: string): Promise<TargetDebtor | null> {
  const wanted = normalizeEmail(email);
  if (wanted === '') return null;
  const answer = await session.client.call(
    'findRelation',
    { relation: { email: wanted } },
    findRelationResponse,
    'relation look-up by e-mail',
  );
  if (answer.result === 'FIND-RELATION-RESULT-NOT-FOUND' || answer.relation === undefined) return null;
  if (answer.result !== 'FIND-RELATION-RESULT-OK') throw rejected('relation look-up', answer);
  // The filter is checked again: should Mplus match e-mail addresses loosely, a near miss is no match.
  if (normalizeEmail(answer.relation.email ?? '') !== wanted) return null;
  return toTargetDebtor(answer.relation);
}

export async function createDebtor(
  session: MplusSession,
  customer: CustomerRef,
  order: CanonicalOrder,
): Promise<TargetDebtor> {
  const fields = mapRelation(customer, order);
  const answer = await session.client.call(
    'createRelation',
    { relation: { ...withoutEmpty(fields), active: true } },
    createRelationResponse,
    'relation creation',
  );
  if (answer.result !== 'CREATE-RELATION-RESULT-OK' || answer.relationNumber === undefined) {
    throw rejected('relation creation', answer);
  }
  return { targetId: answer.relationNumber, name: fields.name, email: fields.email };
}

/** What `updateDebtor` writes: Koppel keeps its digest, so an unchanged relation costs no call. */
export function debtorDetails(_session: MplusSession, customer: CustomerRef, order: CanonicalOrder) {
  return mapRelation(customer, order);
}

export async function updateDebtor(
  session: MplusSession,
  debtor: TargetDebtor,
  customer: CustomerRef,
  order: CanonicalOrder,
): Promise<TargetDebtor> {
  const current = await session.client.call(
    'getRelation',
    { relationNumber: debtor.targetId },
    getRelationResponse,
    'relation read',
  );
  if (current.result !== 'GET-RELATION-RESULT-OK' || current.relation === undefined) {
    throw mplusError('MPLUS_REJECTED', `relation ${debtor.targetId} no longer exists in Mplus`, {
      field: 'debtor.targetId',
      details: { result: current.result },
    });
  }
  const changes = relationChanges(current.relation, mapRelation(customer, order));
  if (changes === null) return toTargetDebtor(current.relation);
  const answer = await session.client.call(
    'updateRelation',
    { relation: { relationNumber: debtor.targetId, ...changes } },
    updateRelationResponse,
    'relation update',
  );
  if (answer.result !== 'UPDATE-RELATION-RESULT-OK') throw rejected('relation update', answer);
  return toTargetDebtor({ ...current.relation, ...changes });
}

function toTargetDebtor(relation: MplusRelation): TargetDebtor {
  return {
    targetId: relation.relationNumber,
    name: relation.companyName || relation.name || '',
    email: relation.email ?? '',
  };
}

function withoutEmpty(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== ''));
}

export function rejected(what: string, answer: { result: string; errorMessage?: string | undefined }) {
  return mplusError(
    'MPLUS_REJECTED',
    `Mplus refused the ${what}: ${answer.result}${answer.errorMessage ? ` (${answer.errorMessage})` : ''}`,
    { details: { result: answer.result, errorMessage: answer.errorMessage ?? '' } },
  );
}
