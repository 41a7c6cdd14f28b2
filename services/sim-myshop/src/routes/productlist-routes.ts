/**
 * `GET /RPC/productlist/get/` (module `productlist_get`): the shop's product list as a zip with
 * one XML file, as the vendor client fetches it (notes 3.1). Signed like the other commands
 * without arguments: partner `sha1(shop + key + partner + module + rpc_id)` [C code pattern],
 * merchant `sha1(shop + rpc_id + privateKey)` [INF, as shopInfoPk]. `productlist/info` and
 * `productlist/update` are not simulated.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Credentials, sha1Hex } from '../domain/pk.js';
import { PRODUCT_LIST_FILE_NAME, renderProductList } from '../domain/product-list-xml.js';
import { zipOneFile } from '../domain/zip-file.js';
import type { RpcDeps } from './rpc-deps.js';
import { authenticateRpc, verifyPk } from './rpc-guard.js';

export const PRODUCT_LIST_MODULE = 'productlist_get';

export function productListPk(shop: string, rpcId: string, c: Credentials): string {
  if (c.kind === 'merchant') return sha1Hex(shop + rpcId + c.privateKey);
  return sha1Hex(shop + c.partnerKey + c.partnerName + c.module + rpcId);
}

export function registerProductListRoutes(app: FastifyInstance, deps: RpcDeps): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const caller = authenticateRpc(request, deps, { module: PRODUCT_LIST_MODULE, orderPull: false });
    verifyPk(productListPk(caller.shop.number, caller.rpcId, caller.credentials), caller.pk);
    const xml = Buffer.from(renderProductList(caller.shop), 'utf8');
    return reply.code(200).type('application/zip').send(zipOneFile(PRODUCT_LIST_FILE_NAME, xml));
  };
  app.get('/RPC/productlist/get/', handler);
  app.get('/RPC/productlist/get', handler);
}
