import { XMLBuilder } from 'fast-xml-parser';
import { ABORTED_STATUS_ID } from './assumptions.js';
import { EXPORT_XML_NAMES as N, flag } from './export-xml-names.js';
import { parseDecimal } from './money.js';
import { cents, orderAmounts } from './order-amounts.js';
import { orderIdOf } from './shop-store.js';
import { toChangeTime, toLocalDate } from './shop-time.js';
import type { Address, Order, Shop } from './state.js';

/** The order export document (design: export-xml-names.ts). Compact, no indentation. */
const builder = new XMLBuilder({ ignoreAttributes: true, suppressEmptyNode: false, processEntities: true });

function address(a: Address) {
  return {
    [N.name]: a.name,
    [N.company]: a.company,
    [N.street]: a.street,
    [N.housenumber]: a.housenumber,
    [N.zipcode]: a.zipcode,
    [N.city]: a.city,
    [N.country]: a.country,
  };
}

function orderElement(order: Order, shop: Shop, timeZone: string) {
  const placed = toLocalDate(new Date(order.createdAt), timeZone);
  const status = shop.statuses.find((s) => s.id === order.statusId);
  const a = orderAmounts(order);
  return {
    [N.shopOrder]: orderIdOf(order),
    [N.orderNumber]: order.number,
    [N.orderDate]: placed.date,
    [N.orderTime]: placed.time,
    [N.changeTime]: toChangeTime(new Date(order.changedAt), timeZone),
    [N.paymentStatus]: order.paymentStatus,
    [N.orderStatusId]: order.statusId,
    [N.orderStatus]: status?.name ?? '',
    [N.orderStatusCustom]: flag(status?.custom ?? false),
    [N.aborted]: flag(order.statusId === ABORTED_STATUS_ID),
    [N.currency]: order.currency,
    [N.comment]: order.comment,
    [N.customer]: {
      [N.name]: order.customer.name,
      [N.email]: order.customer.email,
      [N.phone]: order.customer.phone,
      [N.company]: order.customer.company,
      [N.vatNumber]: order.customer.vatNumber,
    },
    [N.invoiceAddress]: address(order.invoiceAddress),
    [N.deliveryAddress]: address(order.deliveryAddress),
    [N.lines]: {
      [N.line]: order.lines.map((l, i) => ({
        [N.productId]: l.productId,
        [N.articleCode]: l.sku,
        [N.ean]: l.ean,
        [N.description]: l.description,
        [N.quantity]: l.quantity,
        [N.unitPriceIncl]: cents(a.lines[i]!.unit.incl),
        [N.unitPriceExcl]: cents(a.lines[i]!.unit.excl),
        [N.vatRate]: a.lines[i]!.rate,
        [N.lineTotalIncl]: cents(a.lines[i]!.total.incl),
        [N.lineTotalExcl]: cents(a.lines[i]!.total.excl),
      })),
    },
    [N.shippingCosts]: {
      [N.amountIncl]: cents(a.shipping.incl),
      [N.amountExcl]: cents(a.shipping.excl),
      [N.vatRate]: a.shipping.rate,
    },
    [N.paymentCosts]: {
      [N.amountIncl]: cents(a.payment.incl),
      [N.amountExcl]: cents(a.payment.excl),
      [N.vatRate]: a.payment.rate,
    },
    [N.discounts]: {
      [N.discount]: order.discounts.map((d) => ({
        [N.discountCode]: d.code,
        [N.description]: d.description,
        [N.amountIncl]: cents(parseDecimal(d.amountIncl, 2)),
      })),
    },
    [N.totals]: {
      [N.totalExcl]: cents(a.totalExcl),
      [N.totalVat]: cents(a.totalVat),
      [N.totalIncl]: cents(a.totalIncl),
      [N.vatSpecification]: {
        [N.vat]: a.vat.map((v) => ({ [N.vatRate]: v.rate, [N.vatAmount]: cents(v.amount) })),
      },
    },
  };
}

export function renderOrderExport(orders: Order[], shop: Shop, timeZone: string): string {
  const body = builder.build({ [N.root]: { [N.order]: orders.map((o) => orderElement(o, shop, timeZone)) } });
  return `<?xml version="1.0" encoding="UTF-8"?>${body}`;
}
