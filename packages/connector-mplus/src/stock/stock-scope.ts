/**
 * The branches a connection's stock is read from: the scope's warehouses are Mplus branch
 * numbers (`getStock` needs one, `branchNumber` is required in the WSDL); an empty scope means
 * every branch of the tenant (`getBranches`).
 */
import type { StockScope } from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import { branchesResponse } from '../api-schemas.js';
import type { MplusSession } from '../session.js';

export async function branchesOf(session: MplusSession, scope: StockScope): Promise<number[]> {
  if (scope.warehouses.length === 0) {
    const { branches } = await session.client.call('getBranches', {}, branchesResponse, 'branch list');
    return branches.map((b) => b.branchNumber).sort((a, b) => a - b);
  }
  return [...new Set(scope.warehouses.map(toBranchNumber))].sort((a, b) => a - b);
}

function toBranchNumber(warehouse: string): number {
  const trimmed = warehouse.trim();
  if (!/^[1-9]\d{0,8}$/.test(trimmed))
    throw appError('VALIDATION_FAILED', `Mplus branches are numbers; "${warehouse}" is not one`, {
      field: 'stock.warehouses',
      details: { warehouse },
    });
  return Number(trimmed);
}
