import type { RelationInput } from '../soap/request-schemas.js';
import { ASSUMPTIONS } from './assumptions.js';
import {
  RELATION_NUMBER_FIELDS,
  RELATION_STRING_FIELDS,
  type Relation,
  type SimulatorState,
} from './model.js';

export type CreateRelationResult =
  | { result: 'CREATE-RELATION-RESULT-OK'; relation: Relation }
  | {
      result: 'CREATE-RELATION-RESULT-FAILED' | 'CREATE-RELATION-RESULT-FAILED-RELATION-NUMBER-ALREADY-TAKEN';
      errorMessage: string;
    };

/** createRelation (notes §3.3): numbers assigned by the server unless given; a taken number fails. */
export function createRelation(state: SimulatorState, input: RelationInput, now: Date): CreateRelationResult {
  if (input.relationNumber !== undefined && input.relationNumber > 0) {
    if (state.relations.some((r) => r.relationNumber === input.relationNumber)) {
      return {
        result: 'CREATE-RELATION-RESULT-FAILED-RELATION-NUMBER-ALREADY-TAKEN',
        errorMessage: `Relation number ${input.relationNumber} is already taken`,
      };
    }
  }
  if (ASSUMPTIONS.relationNeedsName && !input.name?.trim() && !input.companyName?.trim()) {
    return {
      result: 'CREATE-RELATION-RESULT-FAILED',
      errorMessage: 'A relation needs a name or a companyName',
    };
  }
  const relationNumber =
    input.relationNumber && input.relationNumber > 0
      ? input.relationNumber
      : Math.max(ASSUMPTIONS.firstRelationNumber - 1, ...state.relations.map((r) => r.relationNumber)) + 1;
  state.counters.syncMarker += 1;
  const stamp = now.toISOString();
  const relation: Relation = {
    relationNumber,
    active: input.active ?? true,
    fields: pick<(typeof RELATION_STRING_FIELDS)[number], string>(input, RELATION_STRING_FIELDS),
    numbers: pick<(typeof RELATION_NUMBER_FIELDS)[number], number>(input, RELATION_NUMBER_FIELDS),
    ...(input.defaultVatMethod ? { defaultVatMethod: input.defaultVatMethod } : {}),
    createTimestamp: stamp,
    changeTimestamp: stamp,
    syncMarker: state.counters.syncMarker,
  };
  state.relations.push(relation);
  return { result: 'CREATE-RELATION-RESULT-OK', relation };
}

function pick<K extends string, V>(input: Partial<Record<K, V>>, keys: readonly K[]): Record<string, V> {
  const out: Record<string, V> = {};
  for (const k of keys) {
    const v = input[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * findRelation (notes §3.3: "fill the search field, e.g. email"): every filled search field must
 * match; the lowest relation number wins. No search field at all finds nothing.
 */
export function findRelation(state: SimulatorState, input: RelationInput): Relation | undefined {
  const criteria = ASSUMPTIONS.findRelationFields
    .map((f) => [f, f === 'relationNumber' ? input.relationNumber : input[f]] as const)
    .filter(([, v]) => v !== undefined && v !== '' && v !== 0);
  if (criteria.length === 0) return undefined;
  return [...state.relations]
    .sort((a, b) => a.relationNumber - b.relationNumber)
    .find((r) =>
      criteria.every(([field, wanted]) => {
        if (field === 'relationNumber') return r.relationNumber === wanted;
        const have = r.fields[field];
        if (have === undefined) return false;
        return field === 'email'
          ? have.trim().toLowerCase() === String(wanted).trim().toLowerCase()
          : have === wanted;
      }),
    );
}

export type UpdateRelationResult =
  | { result: 'UPDATE-RELATION-RESULT-OK'; relation: Relation }
  | { result: 'UPDATE-RELATION-RESULT-NOT-FOUND' | 'UPDATE-RELATION-RESULT-FAILED'; errorMessage: string };

/**
 * updateRelation (notes §3.3): the relation named by relationNumber gets every field that was sent;
 * fields left out keep their value (see ASSUMPTIONS.updateRelationMerges).
 */
export function updateRelation(state: SimulatorState, input: RelationInput, now: Date): UpdateRelationResult {
  if (!input.relationNumber)
    return { result: 'UPDATE-RELATION-RESULT-FAILED', errorMessage: 'relationNumber is required' };
  const existing = state.relations.find((r) => r.relationNumber === input.relationNumber);
  if (!existing)
    return {
      result: 'UPDATE-RELATION-RESULT-NOT-FOUND',
      errorMessage: `Relation ${input.relationNumber} does not exist`,
    };
  const fields = {
    ...existing.fields,
    ...pick<(typeof RELATION_STRING_FIELDS)[number], string>(input, RELATION_STRING_FIELDS),
  };
  if (ASSUMPTIONS.relationNeedsName && !fields.name?.trim() && !fields.companyName?.trim())
    return {
      result: 'UPDATE-RELATION-RESULT-FAILED',
      errorMessage: 'A relation needs a name or a companyName',
    };
  state.counters.syncMarker += 1;
  const updated: Relation = {
    ...existing,
    active: input.active ?? existing.active,
    fields,
    numbers: {
      ...existing.numbers,
      ...pick<(typeof RELATION_NUMBER_FIELDS)[number], number>(input, RELATION_NUMBER_FIELDS),
    },
    ...(input.defaultVatMethod ? { defaultVatMethod: input.defaultVatMethod } : {}),
    changeTimestamp: now.toISOString(),
    syncMarker: state.counters.syncMarker,
  };
  state.relations = state.relations.map((r) => (r === existing ? updated : r));
  return { result: 'UPDATE-RELATION-RESULT-OK', relation: updated };
}

/**
 * getRelations (notes §3.3): by relation numbers, or incrementally by syncMarker like getProducts
 * (MP-DEV: start at 0, keep the highest marker returned; syncMarkerLimit caps one page).
 */
export function queryRelations(
  state: SimulatorState,
  q: { relationNumbers: number[]; syncMarker?: number; syncMarkerLimit?: number },
): Relation[] {
  const rows = state.relations
    .filter((r) => q.relationNumbers.length === 0 || q.relationNumbers.includes(r.relationNumber))
    .filter((r) => q.syncMarker === undefined || q.syncMarker <= 0 || r.syncMarker > q.syncMarker)
    .sort((a, b) => a.syncMarker - b.syncMarker);
  return q.syncMarkerLimit !== undefined && q.syncMarkerLimit > 0 ? rows.slice(0, q.syncMarkerLimit) : rows;
}
