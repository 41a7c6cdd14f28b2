import { z } from 'zod';
import { ASSUMPTIONS } from '../domain/assumptions.js';
import { vatPercentage } from '../domain/catalog.js';
import { invoiceString, saveInvoice } from '../domain/create-invoice.js';
import { createOrder, orderString } from '../domain/create-order.js';
import { queryProducts } from '../domain/products.js';
import { queryOrders } from '../domain/query-orders.js';
import { toWire as quantityToWire } from '../domain/quantity.js';
import { createRelation, findRelation, queryRelations, updateRelation } from '../domain/relations.js';
import { queryStock, queryStockHistory } from '../domain/stock.js';
import type { Store } from '../domain/store.js';
import type { XmlValue } from './envelope.js';
import { parseRequest, unwrapRequest } from './parse-request.js';
import {
  getOrdersSchema,
  getProductsSchema,
  getRelationsSchema,
  getStockHistorySchema,
  getStockSchema,
  invoiceSchema,
  orderSchema,
  relationSchema,
} from './request-schemas.js';
import {
  dateTime,
  invoiceToWire,
  orderToWire,
  productToWire,
  relationToWire,
  stockToWire,
} from './to-wire.js';
import { SoapFault } from './envelope.js';
import { emptyAsObject, xsdLong, xsdString } from './xsd-types.js';

export type OperationContext = {
  store: Store;
  now: () => Date;
  /** Permissive mode (issue 8): a duplicate extOrderId is accepted; read per call. */
  permissive: () => boolean;
};
type Handler = (body: unknown, ctx: OperationContext) => Record<string, XmlValue>;

const relationRequest = z.object({ relation: emptyAsObject(relationSchema) });
const orderRequest = z.object({ order: emptyAsObject(orderSchema) });

/** A branch that does not exist is a Fault: getStock/getStockHistory have no result enum. */
function assertBranches(store: Store, branchNumbers: number[]): void {
  const missing = branchNumbers.find((n) => !store.state().branches.some((b) => b.branchNumber === n));
  if (missing !== undefined) throw new SoapFault('SOAP-ENV:Client', `Branch ${missing} does not exist`);
}

const placeOrder =
  (operation: 'createOrder' | 'queueBranchOrder', prefix: string): Handler =>
  (body, { store, now, permissive }) => {
    const { order } = parseRequest(operation, orderRequest, body);
    const outcome = store.mutate((s) =>
      createOrder(s, order, operation, now(), { allowDuplicateExtOrderId: permissive() }),
    );
    if (!outcome.ok) return { result: `${prefix}-${outcome.reason}`, errorMessage: outcome.errorMessage };
    const info = {
      orderId: outcome.order.orderId,
      orderString: orderString(outcome.order),
      ...(operation === 'createOrder' ? { orderQueued: false } : {}),
    };
    return { result: `${prefix}-OK`, info, errorMessage: '' };
  };

/** The implemented MplusQapi operations (notes §3.1-3.6), by request element name. */
export const OPERATIONS: Record<string, Handler> = {
  getApiVersion: () => ({
    majorNumber: ASSUMPTIONS.apiVersion.major,
    minorNumber: ASSUMPTIONS.apiVersion.minor,
    revisionNumber: ASSUMPTIONS.apiVersion.revision,
    serviceMajorNumber: ASSUMPTIONS.apiVersion.major,
    serviceMinorNumber: ASSUMPTIONS.apiVersion.minor,
    serviceRevisionNumber: ASSUMPTIONS.apiVersion.revision,
    inDebugMode: false,
  }),
  findRelation: (body, { store }) => {
    const { relation } = parseRequest('findRelation', relationRequest, body);
    const found = findRelation(store.state(), relation);
    return found
      ? { result: 'FIND-RELATION-RESULT-OK', relation: relationToWire(found) }
      : { result: 'FIND-RELATION-RESULT-NOT-FOUND' };
  },
  createRelation: (body, { store, now }) => {
    const { relation } = parseRequest('createRelation', relationRequest, body);
    const outcome = store.mutate((s) => createRelation(s, relation, now()));
    if (outcome.result !== 'CREATE-RELATION-RESULT-OK')
      return { result: outcome.result, relationNumber: 0, errorMessage: outcome.errorMessage };
    return {
      result: outcome.result,
      relationNumber: outcome.relation.relationNumber,
      changeTimestamp: dateTime(outcome.relation.changeTimestamp),
      syncMarker: outcome.relation.syncMarker,
      errorMessage: '',
    };
  },
  updateRelation: (body, { store, now }) => {
    const { relation } = parseRequest('updateRelation', relationRequest, body);
    const outcome = store.mutate((s) => updateRelation(s, relation, now()));
    if (outcome.result !== 'UPDATE-RELATION-RESULT-OK')
      return { result: outcome.result, errorMessage: outcome.errorMessage };
    return {
      result: outcome.result,
      changeTimestamp: dateTime(outcome.relation.changeTimestamp),
      syncMarker: outcome.relation.syncMarker,
      errorMessage: '',
    };
  },
  getRelation: (body, { store }) => {
    const { relationNumber } = parseRequest('getRelation', z.object({ relationNumber: xsdLong }), body);
    const found = store.state().relations.find((r) => r.relationNumber === relationNumber);
    return found
      ? { result: 'GET-RELATION-RESULT-OK', relation: relationToWire(found) }
      : { result: ASSUMPTIONS.getRelationNotFound };
  },
  getRelations: (body, { store }) => {
    const q = parseRequest('getRelations', getRelationsSchema, unwrapRequest(body));
    const rows = queryRelations(store.state(), {
      relationNumbers: q.relationNumbers ?? [],
      ...(q.syncMarker !== undefined ? { syncMarker: q.syncMarker } : {}),
      ...(q.syncMarkerLimit !== undefined ? { syncMarkerLimit: q.syncMarkerLimit } : {}),
    });
    return { relationList: { relation: rows.map(relationToWire) } };
  },
  createOrder: placeOrder('createOrder', 'CREATE-ORDER-RESULT'),
  queueBranchOrder: placeOrder('queueBranchOrder', 'QUEUE-BRANCH-ORDER-RESULT'),
  findOrder: (body, { store }) => {
    const { extOrderId } = parseRequest(
      'findOrder',
      z.object({ extOrderId: xsdString.pipe(z.string().min(1, 'extOrderId is required')) }),
      body,
    );
    const order = store.state().orders.find((o) => o.extOrderId === extOrderId);
    return order
      ? { result: 'GET-ORDER-RESULT-OK', order: orderToWire(order) }
      : { result: 'GET-ORDER-RESULT-NOT-FOUND' };
  },
  saveInvoice: (body, { store, now, permissive }) => {
    const { invoice } = parseRequest(
      'saveInvoice',
      z.object({ invoice: emptyAsObject(invoiceSchema) }),
      body,
    );
    const outcome = store.mutate((s) =>
      saveInvoice(s, invoice, now(), { allowDuplicateExtInvoiceId: permissive() }),
    );
    if (!outcome.ok)
      return { result: `SAVE-INVOICE-RESULT-${outcome.reason}`, errorMessage: outcome.errorMessage };
    return {
      result: 'SAVE-INVOICE-RESULT-OK',
      info: {
        invoiceId: outcome.invoice.invoiceId,
        invoiceString: invoiceString(outcome.invoice),
        invoiceNumber: outcome.invoice.invoiceNumber,
      },
      errorMessage: '',
    };
  },
  findInvoice: (body, { store }) => {
    const { extInvoiceId } = parseRequest(
      'findInvoice',
      z.object({ extInvoiceId: xsdString.pipe(z.string().min(1, 'extInvoiceId is required')) }),
      body,
    );
    const invoice = (store.state().invoices ?? []).find((i) => i.extInvoiceId === extInvoiceId);
    return invoice
      ? { result: 'GET-INVOICE-RESULT-OK', invoice: invoiceToWire(invoice) }
      : { result: 'GET-INVOICE-RESULT-NOT-FOUND' };
  },
  getInvoice: (body, { store }) => {
    const { invoiceId } = parseRequest(
      'getInvoice',
      z.object({ invoiceId: xsdString.pipe(z.string().min(1, 'invoiceId is required')) }),
      body,
    );
    const invoice = (store.state().invoices ?? []).find((i) => i.invoiceId === invoiceId);
    return invoice
      ? { result: 'GET-INVOICE-RESULT-OK', invoice: invoiceToWire(invoice) }
      : { result: 'GET-INVOICE-RESULT-NOT-FOUND' };
  },
  getOrders: (body, { store }) => {
    const q = parseRequest('getOrders', getOrdersSchema, unwrapRequest(body));
    const rows = queryOrders(store.state(), {
      ...(q.syncMarker !== undefined ? { syncMarker: q.syncMarker } : {}),
      ...(q.syncMarkerLimit !== undefined ? { syncMarkerLimit: q.syncMarkerLimit } : {}),
      branchNumbers: q.branchNumbers,
      orderTypes: q.orderTypeList?.orderType ?? [],
    });
    const withLines = q.includeLineList ?? true;
    return {
      orderList: {
        order: rows.map((o) => orderToWire(withLines ? o : { ...o, lines: [] })),
      },
    };
  },
  getOrder: (body, { store }) => {
    const { orderId } = parseRequest(
      'getOrder',
      z.object({ orderId: xsdString.pipe(z.string().min(1, 'orderId is required')) }),
      body,
    );
    const order = store.state().orders.find((o) => o.orderId === orderId);
    return order
      ? { result: 'GET-ORDER-RESULT-OK', order: orderToWire(order) }
      : { result: 'GET-ORDER-RESULT-NOT-FOUND' };
  },
  getProducts: (body, { store }) => {
    const q = parseRequest('getProducts', getProductsSchema, unwrapRequest(body));
    const state = store.state();
    const products = queryProducts(state, {
      articleNumbers: q.articleNumbers ?? [],
      groupNumbers: q.groupNumbers ?? [],
      productNumbers: q.productNumbers ?? [],
      pluNumbers: q.pluNumbers ?? [],
      onlyWebshop: q.onlyWebshop ?? false,
      onlyActive: q.onlyActive ?? false,
      ...(q.syncMarker !== undefined ? { syncMarker: q.syncMarker } : {}),
      ...(q.syncMarkerLimit !== undefined ? { syncMarkerLimit: q.syncMarkerLimit } : {}),
    });
    const branch = q.changedSinceBranchNumber ?? ASSUMPTIONS.defaultBranchNumber;
    return {
      productList: {
        product: products.map((p) => productToWire(p, (code) => vatPercentage(state, branch, code))),
      },
    };
  },
  getStock: (body, { store }) => {
    const q = parseRequest('getStock', getStockSchema, unwrapRequest(body));
    const branchNumbers = q.branchNumbers && q.branchNumbers.length > 0 ? q.branchNumbers : [q.branchNumber];
    assertBranches(store, branchNumbers);
    const rows = queryStock(store.state(), {
      branchNumbers,
      articleNumbers: q.articleNumbers ?? [],
      ...(q.stockId !== undefined ? { stockId: q.stockId } : {}),
    });
    return { articleStocks: rows.map(stockToWire) };
  },
  getStockHistory: (body, { store }) => {
    const q = parseRequest('getStockHistory', getStockHistorySchema, unwrapRequest(body));
    assertBranches(store, [q.branchNumber]);
    const iso = (d: typeof q.fromFinancialDateTime) =>
      d && new Date(Date.UTC(d.year, d.mon - 1, d.day, d.hour, d.min, d.sec)).toISOString();
    const rows = queryStockHistory(store.state(), {
      branchNumber: q.branchNumber,
      articleNumbers: q.articleNumbers ?? [],
      ...(q.fromFinancialDateTime ? { from: iso(q.fromFinancialDateTime) } : {}),
      ...(q.throughFinancialDateTime ? { through: iso(q.throughFinancialDateTime) } : {}),
      ...(q.sinceStockId !== undefined ? { sinceStockId: q.sinceStockId } : {}),
      ...(q.sinceStockIdLimit !== undefined ? { limit: q.sinceStockIdLimit } : {}),
    });
    return {
      articleStockHistory: rows.map((h) => {
        const { amount, decimalPlaces } = quantityToWire(BigInt(h.amountChanged));
        return {
          stockId: h.stockId,
          timestamp: dateTime(h.timestamp),
          branchNumber: h.branchNumber,
          articleNumber: h.articleNumber,
          amountChanged: amount,
          decimalPlaces,
          type: h.type,
          orderId: h.orderId,
        };
      }),
    };
  },
  getVatGroupList: (_body, { store }) => {
    const state = store.state();
    return {
      vatGroupList: {
        vatGroup: state.vatGroups.map((g) => {
          const branch = state.branches.find((b) => b.branchNumber === g.branchNumber);
          return {
            branchNumber: g.branchNumber,
            extBranchId: branch?.extBranchId,
            countryCode: branch?.countryCode,
            countryIso3: branch?.countryIso3,
            vatCode: g.vatCode,
            vatPercentage: g.vatPercentage * ASSUMPTIONS.vatPercentageScale,
            accountNumber: g.accountNumber,
          };
        }),
      },
    };
  },
  // getBranches / getEmployee: WSDL `Branch { branchNumber, branchName, workplaces { workplace[] } }`
  // and `GetEmployeeResponse { result GET-EMPLOYEE-RESULT-OK | -NOT-FOUND, employee? }` (MP-WSDL).
  getBranches: (_body, { store }) => ({
    branches: {
      branch: store.state().branches.map((b) => ({
        branchNumber: b.branchNumber,
        branchName: b.name,
        abbreviation: b.name.slice(0, 3).toUpperCase(),
        extBranchId: b.extBranchId,
        workplaces: {
          workplace: b.workplaces.map((n) => ({
            workplaceNumber: n,
            workplaceName: `Kassa ${n}`,
            isMobile: false,
          })),
        },
        countryIso3: b.countryIso3,
        countryName: b.countryCode,
      })),
    },
  }),
  getEmployee: (body, { store }) => {
    const { employeeNumber } = parseRequest('getEmployee', z.object({ employeeNumber: xsdLong }), body);
    const found = store.state().employees.find((e) => e.employeeNumber === employeeNumber);
    return found
      ? {
          result: 'GET-EMPLOYEE-RESULT-OK',
          employee: { employeeNumber: found.employeeNumber, name: found.name },
        }
      : { result: 'GET-EMPLOYEE-RESULT-NOT-FOUND' };
  },
  getDeliveryMethods: (_body, { store }) => ({
    deliveryMethodList: { deliveryMethod: store.state().deliveryMethods.map((m) => ({ ...m })) },
  }),
};
