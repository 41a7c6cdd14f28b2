import { ASSUMPTIONS } from '../domain/assumptions.js';
import { invoiceString } from '../domain/create-invoice.js';
import { orderString } from '../domain/create-order.js';
import type { Article, Invoice, Order, Product, Relation } from '../domain/model.js';
import { divRound, toWire as quantityToWire } from '../domain/quantity.js';
import type { StockRow } from '../domain/stock.js';
import type { XmlValue } from './envelope.js';

/** SoapMplusDateTime {sec, min, hour, day, mon, year, isdst, timezone} (notes §3.2), in UTC. */
export function dateTime(iso: string): XmlValue {
  const d = new Date(iso);
  return {
    sec: d.getUTCSeconds(),
    min: d.getUTCMinutes(),
    hour: d.getUTCHours(),
    day: d.getUTCDate(),
    mon: d.getUTCMonth() + 1,
    year: d.getUTCFullYear(),
    isdst: false,
    timezone: ASSUMPTIONS.timezoneMinutes,
  };
}

export function relationToWire(r: Relation): XmlValue {
  return {
    relationNumber: r.relationNumber,
    ...r.fields,
    ...r.numbers,
    active: r.active,
    defaultVatMethod: r.defaultVatMethod,
    createTimestamp: dateTime(r.createTimestamp),
    changeTimestamp: dateTime(r.changeTimestamp),
    syncMarker: r.syncMarker,
  };
}

export function orderToWire(o: Order): XmlValue {
  return {
    orderId: o.orderId,
    extOrderId: o.extOrderId,
    syncMarker: o.syncMarker ?? 0,
    orderNumber: o.orderNumber,
    orderString: orderString(o),
    orderType: o.orderType,
    entryBranchNumber: o.entryBranchNumber,
    financialBranchNumber: o.financialBranchNumber,
    workplaceNumber: o.workplaceNumber,
    employeeNumber: o.employeeNumber,
    relationNumber: o.relationNumber,
    reference: o.reference,
    financialDate: o.financialDate,
    entryTimestamp: dateTime(o.entryTimestamp),
    deliveryDate: o.deliveryDate,
    deliveryAddress: o.deliveryAddress,
    invoiceAddress: o.invoiceAddress,
    vatMethod: o.vatMethod,
    totalInclAmount: o.totalInclAmount,
    totalExclAmount: o.totalExclAmount,
    deliveryMethod: o.deliveryMethod,
    paymentMethod: o.paymentMethod,
    prepaidAmount: 0,
    fullyPaid: false,
    lineList: {
      line: o.lines.map((l) => ({
        lineId: l.lineId,
        employeeNumber: l.employeeNumber,
        articleNumber: l.articleNumber,
        pluNumber: l.pluNumber,
        text: l.text,
        data: {
          quantity: l.quantity,
          decimalPlaces: l.decimalPlaces,
          price: l.price,
          priceExcl: l.priceExcl,
          vatCode: l.vatCode,
          vatPercentage: l.vatPercentage,
          discountPercentage: l.discountPercentage,
          discountAmount: l.discountAmount,
          discountAmountExcl: l.discountAmountExcl,
          turnoverGroupCostCenter: l.turnoverGroupCostCenter,
        },
        sequenceNumber: l.sequenceNumber,
      })),
    },
  };
}

/** WSDL `Invoice`: the order's shared fields, its own id, number and state. */
export function invoiceToWire(i: Invoice): XmlValue {
  const { lineList } = orderToWire({
    ...i,
    orderId: i.invoiceId,
    orderNumber: i.invoiceNumber,
    orderType: '',
    queued: false,
    via: 'createOrder',
  }) as { lineList: XmlValue };
  return {
    invoiceId: i.invoiceId,
    extInvoiceId: i.extInvoiceId,
    invoiceNumber: i.invoiceNumber,
    employeeNumber: i.employeeNumber,
    entryTimestamp: dateTime(i.entryTimestamp),
    relationNumber: i.relationNumber,
    deliveryAddress: i.deliveryAddress,
    invoiceAddress: i.invoiceAddress,
    financialDate: i.financialDate,
    financialBranchNumber: i.financialBranchNumber,
    workplaceNumber: i.workplaceNumber,
    entryBranchNumber: i.entryBranchNumber,
    reference: i.reference,
    totalInclAmount: i.totalInclAmount,
    totalExclAmount: i.totalExclAmount,
    vatMethod: i.vatMethod,
    finalized: i.finalized,
    lineList,
    invoiceString: invoiceString(i),
  };
}

function articleToWire(a: Article, vatPct: number | undefined): XmlValue {
  const excl =
    vatPct === undefined ? a.price : Number(divRound(BigInt(a.price) * 100n, BigInt(100 + vatPct)));
  return {
    articleNumber: a.articleNumber,
    extArticleId: a.extArticleId,
    pluNumber: a.pluNumber,
    barcode: a.barcode,
    description: a.description,
    colour: a.colour,
    size: a.size,
    active: a.active,
    webshop: a.webshop,
    stockArticle: a.stockArticle,
    vatCode: a.vatCode,
    vatPercentage: vatPct,
    purchasePrice: a.purchasePrice,
    salesPriceList: { salesPrice: { price: a.price, priceExcl: excl } },
    turnoverGroup: a.turnoverGroup,
    brandName: a.brandName,
    discontinued: a.discontinued,
  };
}

export function productToWire(p: Product, vatPct: (code: number) => number | undefined): XmlValue {
  return {
    productNumber: p.productNumber,
    description: p.description,
    extraText: p.extraText,
    articleList: { article: p.articles.map((a) => articleToWire(a, vatPct(a.vatCode))) },
    groupNumbers: { groupNumbers: p.groupNumbers },
    changeTimestamp: dateTime(p.changeTimestamp),
    syncMarker: p.syncMarker,
  };
}

export function stockToWire(s: StockRow): XmlValue {
  const free = quantityToWire(BigInt(s.free));
  const reserved = quantityToWire(BigInt(s.reserved));
  const incoming = quantityToWire(BigInt(s.incoming));
  return {
    branchNumber: s.branchNumber,
    articleNumber: s.articleNumber,
    stockId: s.stockId,
    amountFree: free.amount,
    decimalPlacesFree: free.decimalPlaces,
    amountReserved: reserved.amount,
    decimalPlacesReserved: reserved.decimalPlaces,
    amountIncoming: incoming.amount,
    decimalPlacesIncoming: incoming.decimalPlaces,
    changeTimestamp: dateTime(s.changeTimestamp),
    isDayStockArticle: false,
  };
}
