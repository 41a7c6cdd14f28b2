import type { FastifyRequest } from 'fastify';
import { IP_CHECK_APPLIES_TO_PARTNER_MODE, PARTNER_MUST_BE_LINKED } from '../domain/assumptions.js';
import { type Credentials, pkMatches } from '../domain/pk.js';
import type { Shop } from '../domain/state.js';
import type { RpcDeps } from './rpc-deps.js';
import { RpcRejection } from './rpc-response.js';

/** Reads one query parameter as a string (PHP keeps the last of repeated names). */
export function param(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, unknown>)[name];
  const last = Array.isArray(value) ? value[value.length - 1] : value;
  return typeof last === 'string' ? last : undefined;
}

export function requireParam(request: FastifyRequest, name: string): string {
  const value = param(request, name);
  if (value === undefined || value === '') throw new RpcRejection('MISSING_PARAMETER', `missing ${name}`);
  return value;
}

const normaliseIp = (ip: string) => (ip.startsWith('::ffff:') ? ip.slice(7) : ip);

export type RpcCaller = { shop: Shop; credentials: Credentials; rpcId: string; pk: string };

/**
 * The common checks of every signed RPC call: shop, caller (merchant private key or partner
 * name + module), IP allowlist, rpc id (known, for this shop, at most 2 minutes old).
 * The pk itself is checked by the route, which knows the fields it covers.
 */
export function authenticateRpc(
  request: FastifyRequest,
  deps: RpcDeps,
  spec: { module: string; orderPull: boolean },
): RpcCaller {
  const shop = deps.store.findShop(param(request, 'shop') ?? '');
  if (!shop) throw new RpcRejection('UNKNOWN_SHOP');
  const partnerName = param(request, 'partner');
  let credentials: Credentials;
  if (partnerName !== undefined) {
    const partner = deps.ctx.state.partners.find((p) => p.name === partnerName);
    if (!partner || (PARTNER_MUST_BE_LINKED && !shop.partners.includes(partner.name))) {
      throw new RpcRejection('UNKNOWN_PARTNER');
    }
    if (param(request, 'module') !== spec.module) throw new RpcRejection('WRONG_MODULE');
    credentials = {
      kind: 'partner',
      partnerName: partner.name,
      partnerKey: partner.key,
      module: spec.module,
    };
  } else {
    if (spec.orderPull && !shop.orderPullEnabled) throw new RpcRejection('ORDER_PULL_DISABLED');
    credentials = { kind: 'merchant', privateKey: shop.privateKey };
  }
  const checkIp = credentials.kind === 'merchant' || IP_CHECK_APPLIES_TO_PARTNER_MODE;
  if (checkIp && shop.allowedIp !== null && normaliseIp(request.ip) !== normaliseIp(shop.allowedIp)) {
    throw new RpcRejection('IP_NOT_ALLOWED');
  }
  const rpcId = requireParam(request, 'rpc_id');
  const pk = requireParam(request, 'pk');
  const problem = deps.rpcIds.check(shop.number, rpcId, deps.ctx.now().getTime());
  if (problem) throw new RpcRejection(problem);
  return { shop, credentials, rpcId, pk };
}

export function verifyPk(expected: string, given: string): void {
  if (!pkMatches(expected, given)) throw new RpcRejection('WRONG_PK');
}
