import type { FastifyInstance } from 'fastify';
import { RPC_ID_CONTENT_TYPE } from '../domain/assumptions.js';
import { renderOrderExport } from '../domain/export-xml.js';
import { ordersListPk, shopInfoPk, stockUpdatePk } from '../domain/pk.js';
import { isChangeTime } from '../domain/shop-time.js';
import type { RpcDeps } from './rpc-deps.js';
import { authenticateRpc, param, requireParam, verifyPk } from './rpc-guard.js';
import { RpcRejection, sendInvalidRequest, sendXml } from './rpc-response.js';

/** The RPC endpoints under `/RPC/` (notes 3.1, 3.2). */
export function registerRpcRoutes(app: FastifyInstance, deps: RpcDeps): void {
  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof RpcRejection) return sendInvalidRequest(reply, error.reason);
    reply.log.error(error);
    return sendInvalidRequest(reply, 'INVALID_PARAMETER');
  });

  /** Step 1: an rpc id for an existing shop, answered as the bare id (the manual's example
   * answer is `1234567890`, not wrapped in XML; RPC_ID_BODY in assumptions.ts). */
  app.get('/RPC/id', async (request, reply) => {
    const shop = deps.store.findShop(param(request, 'shop') ?? '');
    if (!shop) throw new RpcRejection('UNKNOWN_SHOP');
    const id = deps.rpcIds.issue(shop.number, deps.ctx.now().getTime());
    return reply.code(200).type(RPC_ID_CONTENT_TYPE).send(id);
  });

  /** Step 2: orders created or changed since `change_time`, or one order by `order_id`. */
  app.get('/RPC/orders/list', async (request, reply) => {
    const caller = authenticateRpc(request, deps, { module: 'orders_get', orderPull: true });
    const orderId = param(request, 'order_id');
    if (orderId !== undefined && orderId !== '') {
      verifyPk(ordersListPk(caller.shop.number, orderId, caller.rpcId, caller.credentials), caller.pk);
      const order = deps.store.findOrder(caller.shop, orderId);
      return sendXml(reply, renderOrderExport(order ? [order] : [], caller.shop, deps.options.timeZone));
    }
    const changeTime = requireParam(request, 'change_time');
    if (!isChangeTime(changeTime)) throw new RpcRejection('INVALID_PARAMETER', 'change_time');
    verifyPk(ordersListPk(caller.shop.number, changeTime, caller.rpcId, caller.credentials), caller.pk);
    const orders = deps.store.ordersChangedSince(caller.shop, changeTime, deps.options.changeTimeGranularity);
    return sendXml(reply, renderOrderExport(orders, caller.shop, deps.options.timeZone));
  });

  /** Stock push: `productid{i}` / `stock_value{i}` for i < count (vendor client sends count=1). */
  app.get('/RPC/stock/update_n', async (request, reply) => {
    const caller = authenticateRpc(request, deps, { module: 'stock_update_n', orderPull: false });
    const countText = requireParam(request, 'count');
    const count = Number(countText);
    if (!/^\d{1,4}$/.test(countText) || count < 1) throw new RpcRejection('INVALID_PARAMETER', 'count');
    const pairs = Array.from({ length: count }, (_, i) => ({
      productId: requireParam(request, `productid${i}`),
      stockValue: requireParam(request, `stock_value${i}`),
    }));
    verifyPk(stockUpdatePk(caller.shop.number, pairs, caller.rpcId, caller.credentials), caller.pk);
    const updates = pairs.map((p) => {
      // A whole number the shop can store exactly (no 1e20 silently rounded).
      const valid = /^-?\d+$/.test(p.stockValue) && Number.isSafeInteger(Number(p.stockValue));
      if (!valid) throw new RpcRejection('INVALID_PARAMETER', 'stock_value');
      const product = deps.store.findProduct(caller.shop, { productId: p.productId });
      if (!product) throw new RpcRejection('UNKNOWN_PRODUCT');
      return { product, stock: Number(p.stockValue) };
    });
    for (const u of updates) deps.store.setStock(u.product, u.stock);
    return sendXml(
      reply,
      `<?xml version="1.0" encoding="UTF-8"?><rpc><result>ok</result><count>${count}</count></rpc>`,
    );
  });

  /** Shop information (module shop_info); the document's fields are our design. */
  app.get('/RPC/shop/get/:name', async (request, reply) => {
    const caller = authenticateRpc(request, deps, { module: 'shop_info', orderPull: false });
    verifyPk(shopInfoPk(caller.shop.number, caller.rpcId, caller.credentials), caller.pk);
    const s = caller.shop;
    return sendXml(
      reply,
      `<?xml version="1.0" encoding="UTF-8"?><shop><shopnumber>${s.number}</shopnumber><name>${escapeXml(s.name)}</name><currency>EUR</currency></shop>`,
    );
  });
}

function escapeXml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
