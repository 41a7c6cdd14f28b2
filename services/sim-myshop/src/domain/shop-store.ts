import { appError } from '@koppel/errors';
import {
  ABORTED_STATUS_ID,
  type ChangeTimeGranularity,
  DEFAULT_ORDER_STATUSES,
  FIRST_CUSTOM_STATUS_ID,
  ORDER_NUMBER_PAD,
} from './assumptions.js';
import type { CreateOrderInput } from './order-input-schema.js';
import { toChangeTime } from './shop-time.js';
import type { Order, Product, Shop, SimulatorState } from './state.js';

/** The shops, their orders and products. Pure apart from the clock it is given. */
export type StoreContext = { state: SimulatorState; now(): Date; timeZone: string; changed(): void };

export function orderIdOf(order: Pick<Order, 'shop' | 'number'>): string {
  return `${order.shop}_${String(order.number).padStart(ORDER_NUMBER_PAD, '0')}`;
}

export function createShopStore(ctx: StoreContext) {
  const findShop = (number: string): Shop | undefined => ctx.state.shops.find((s) => s.number === number);
  const requireShop = (number: string): Shop => {
    const shop = findShop(number);
    if (!shop) throw appError('NOT_FOUND', `no shop ${number}`, { field: 'shop' });
    return shop;
  };
  const changeTimeOf = (iso: string) => toChangeTime(new Date(iso), ctx.timeZone);

  function findProduct(shop: Shop, ref: { productId?: string; sku?: string }): Product | undefined {
    return shop.products.find(
      (p) =>
        (ref.productId === undefined || p.productId === ref.productId) &&
        (ref.sku === undefined || p.sku === ref.sku),
    );
  }

  function createOrder(shop: Shop, input: CreateOrderInput): Order {
    const statusId = input.aborted ? ABORTED_STATUS_ID : (input.status_id ?? DEFAULT_ORDER_STATUSES[0].id);
    if (!shop.statuses.some((s) => s.id === statusId)) {
      throw appError('VALIDATION_FAILED', `unknown status ${statusId}`, { field: 'status_id' });
    }
    const lines = input.lines.map((line, i) => {
      const product =
        line.product_id !== undefined || line.sku !== undefined
          ? findProduct(shop, {
              ...(line.product_id !== undefined && { productId: line.product_id }),
              ...(line.sku !== undefined && { sku: line.sku }),
            })
          : undefined;
      if ((line.product_id !== undefined || line.sku !== undefined) && !product) {
        throw appError('VALIDATION_FAILED', 'no product with that product_id or sku', {
          field: `lines[${i}]`,
        });
      }
      if (!product && line.description === undefined) {
        throw appError('VALIDATION_FAILED', 'a line needs a product or a description', {
          field: `lines[${i}].description`,
        });
      }
      return {
        productId: product?.productId ?? '',
        sku: product?.sku ?? '',
        ean: product?.ean ?? '',
        description: line.description ?? product?.name ?? '',
        quantity: line.quantity,
        unitPriceIncl: line.unit_price,
        vatRate: line.vat_rate,
      };
    });
    const at = input.placed_at ? new Date(input.placed_at).toISOString() : ctx.now().toISOString();
    const order: Order = {
      shop: shop.number,
      number: shop.nextOrderNumber,
      createdAt: at,
      changedAt: at,
      statusId,
      paymentStatus: input.payment_status,
      currency: input.currency,
      customer: {
        name: input.customer.name,
        email: input.customer.email,
        phone: input.customer.phone,
        company: input.customer.company,
        vatNumber: input.customer.vat_number,
      },
      invoiceAddress: input.invoice_address,
      deliveryAddress: input.delivery_address ?? input.invoice_address,
      lines,
      shippingCosts: {
        amountIncl: input.shipping_costs?.amount ?? '0.00',
        vatRate: input.shipping_costs?.vat_rate ?? '21.00',
      },
      paymentCosts: {
        amountIncl: input.payment_costs?.amount ?? '0.00',
        vatRate: input.payment_costs?.vat_rate ?? '21.00',
      },
      discounts: input.discounts.map((d) => ({
        code: d.code,
        description: d.description,
        amountIncl: d.amount,
      })),
      comment: input.comment,
    };
    shop.nextOrderNumber += 1;
    if (input.mutate_stock && !input.aborted) {
      for (const line of lines) {
        const product = findProduct(shop, { productId: line.productId });
        if (product && product.stock !== null) product.stock -= line.quantity;
      }
    }
    shop.orders.push(order);
    ctx.changed();
    return order;
  }

  /** A status or payment status change is a change: it moves the order's change time. */
  function changeOrder(
    order: Order,
    shop: Shop,
    change: { statusId?: number; paymentStatus?: Order['paymentStatus'] },
  ): Order {
    if (change.statusId !== undefined && !shop.statuses.some((s) => s.id === change.statusId)) {
      throw appError('VALIDATION_FAILED', `unknown status ${change.statusId}`, { field: 'status_id' });
    }
    if (change.statusId !== undefined) order.statusId = change.statusId;
    if (change.paymentStatus !== undefined) order.paymentStatus = change.paymentStatus;
    order.changedAt = ctx.now().toISOString();
    ctx.changed();
    return order;
  }

  /** Orders created or changed since `changeTime` (yyyymmddhhmmss, shop time), by number. */
  function ordersChangedSince(shop: Shop, changeTime: string, granularity: ChangeTimeGranularity): Order[] {
    const width = granularity === 'day' ? 8 : 14;
    const from = changeTime.slice(0, width);
    return shop.orders
      .filter((o) => changeTimeOf(o.changedAt).slice(0, width) >= from)
      .sort((a, b) => a.number - b.number);
  }

  function findOrder(shop: Shop, orderId: string): Order | undefined {
    return shop.orders.find((o) => orderIdOf(o) === orderId);
  }

  function addProduct(
    shop: Shop,
    input: { productId?: string | undefined; sku: string; ean?: string; name: string; stock: number | null },
  ): Product {
    const productId = input.productId ?? String(shop.products.length + 1);
    if (findProduct(shop, { productId }))
      throw appError('CONFLICT', `product ${productId} exists`, { field: 'product_id' });
    const product: Product = {
      productId,
      sku: input.sku,
      ean: input.ean ?? '',
      name: input.name,
      stock: input.stock,
      changedAt: ctx.now().toISOString(),
    };
    shop.products.push(product);
    ctx.changed();
    return product;
  }

  function setStock(product: Product, stock: number | null): void {
    product.stock = stock;
    product.changedAt = ctx.now().toISOString();
    ctx.changed();
  }

  function addStatus(shop: Shop, name: string) {
    const id = Math.max(FIRST_CUSTOM_STATUS_ID - 1, ...shop.statuses.map((s) => s.id)) + 1;
    const status = { id, name, custom: true };
    shop.statuses.push(status);
    ctx.changed();
    return status;
  }

  return {
    findShop,
    requireShop,
    findProduct,
    createOrder,
    changeOrder,
    ordersChangedSince,
    findOrder,
    addProduct,
    setStock,
    addStatus,
  };
}

export type ShopStore = ReturnType<typeof createShopStore>;
