import { createHash, randomBytes } from 'node:crypto';
import { toHistoryDateTime } from './clock.js';
import { findCountry } from './countries.js';
import { formatAmount, parseAmount } from './money.js';
import { buildOrderTotals } from './order-amounts.js';
import { ABANDONED_CART_STATUS_ID } from './order-statuses.js';
import { type Address, nextId, type SimulatorState, type StoredOrder, type WebhookEvent } from './state.js';

export type AddressInput = Partial<Omit<Address, 'address1' | 'city' | 'postcode'>> &
  Pick<Address, 'address1' | 'city' | 'postcode'>;

export type NewOrderInput = {
  customer: {
    firstname: string;
    lastname: string;
    email: string;
    phone: string;
    fax: string;
    guest: boolean;
  };
  company: string;
  taxNumber: string;
  billingAddress: AddressInput;
  shippingAddress?: AddressInput | undefined;
  lines: {
    sku: string;
    name: string;
    netPrice: string;
    taxRate: string;
    quantity: number;
    gtin?: string | undefined;
    model?: string | undefined;
    category?: string | undefined;
    image?: string | undefined;
  }[];
  shipping: { name: string; extension: string; netPrice: string; taxRate: string };
  payment: { name: string; code: string; netPrice: string; taxRate: string };
  currency: string;
  currencyValue: string;
  statusId: number;
  comment: string;
  languageCode: string;
  ip: string;
};

const dec4 = (text: string) => formatAmount(parseAmount(text), 4);

function toAddress(
  input: AddressInput,
  fallback: { firstname: string; lastname: string; company: string },
): Address {
  const countryCode = (input.countryCode ?? 'HU').toUpperCase();
  return {
    firstname: input.firstname ?? fallback.firstname,
    lastname: input.lastname ?? fallback.lastname,
    company: input.company ?? fallback.company,
    address1: input.address1,
    address2: input.address2 ?? '',
    city: input.city,
    postcode: input.postcode,
    countryCode,
    countryName: input.countryName ?? findCountry(countryCode)?.name ?? '',
    zoneName: input.zoneName ?? '',
  };
}

function customerFor(state: SimulatorState, input: NewOrderInput, now: string): number | null {
  if (input.customer.guest) return null;
  const email = input.customer.email.toLowerCase();
  const existing = state.customers.find((c) => c.email.toLowerCase() === email);
  if (existing) return existing.innerId;
  const innerId = nextId(state, 'customer');
  state.customers.push({
    innerId,
    firstname: input.customer.firstname,
    lastname: input.customer.lastname,
    email: input.customer.email,
    telephone: input.customer.phone,
    fax: input.customer.fax,
    // Shoprenter stores bcrypt hashes (FAQ); a random bcrypt-looking string, never a real secret.
    passwordHash: `$2y$10$${randomBytes(40).toString('base64').replace(/[+/=]/g, '').slice(0, 53)}`,
    newsletter: 0,
    status: 1,
    approved: 1,
    freeShipping: 0,
    dateCreated: now,
    dateUpdated: now,
  });
  return innerId;
}

function shippingModeFor(state: SimulatorState, name: string, extension: string): number {
  const found = state.shippingModes.find((m) => m.name === name && m.extension === extension);
  if (found) return found.id;
  const id = nextId(state, 'shippingMode');
  state.shippingModes.push({ id, name, extension });
  return id;
}

/** Ordering takes the quantity from warehouse 1 (assumptions.orderSubtractsStock1). */
function subtractStock(state: SimulatorState, sku: string, quantity: number): void {
  const product = state.products.find((p) => p.sku === sku);
  if (product?.subtractStock) product.stock1 -= quantity;
}

/** Places an order as the storefront would; returns it and the webhook event it raises. */
export function placeOrder(
  state: SimulatorState,
  input: NewOrderInput,
  now: string,
): { order: StoredOrder; event: WebhookEvent } {
  const names = {
    firstname: input.customer.firstname,
    lastname: input.customer.lastname,
    company: input.company,
  };
  const payment = toAddress(input.billingAddress, names);
  const shipping = toAddress(input.shippingAddress ?? input.billingAddress, names);
  const lines = input.lines.map((line) => {
    const product = state.products.find((p) => p.sku === line.sku);
    if (product?.subtractStock && input.statusId !== ABANDONED_CART_STATUS_ID)
      product.stock1 -= line.quantity;
    return {
      lineId: nextId(state, 'orderProduct'),
      productInnerId: product?.innerId ?? null,
      sku: line.sku,
      name: line.name,
      netPrice: dec4(line.netPrice),
      taxRate: dec4(line.taxRate),
      quantity: line.quantity,
      gtin: line.gtin ?? product?.gtin ?? '',
      model: line.model ?? product?.modelNumber ?? '',
      category: line.category ?? '',
      image: line.image ?? '',
      weight: product?.weight ?? '0.00',
      width: product?.width ?? '0.00',
      height: product?.height ?? '0.00',
      length: product?.length ?? '0.00',
    };
  });
  const shippingMethod = {
    modeId: shippingModeFor(state, input.shipping.name, input.shipping.extension),
    name: input.shipping.name,
    extension: input.shipping.extension,
    netPrice: dec4(input.shipping.netPrice),
    taxRate: dec4(input.shipping.taxRate),
  };
  const paymentMethod = {
    ...input.payment,
    netPrice: dec4(input.payment.netPrice),
    taxRate: dec4(input.payment.taxRate),
  };
  const innerId = nextId(state, 'order');
  const abandoned = input.statusId === ABANDONED_CART_STATUS_ID;
  const order: StoredOrder = {
    innerId,
    customerInnerId: customerFor(state, input, now),
    firstname: input.customer.firstname,
    lastname: input.customer.lastname,
    email: input.customer.email,
    phone: input.customer.phone,
    fax: input.customer.fax,
    taxNumber: input.taxNumber,
    shipping,
    payment,
    shippingMethod,
    paymentMethod,
    currency: input.currency,
    currencyValue: formatAmount(parseAmount(input.currencyValue), 8),
    languageCode: input.languageCode,
    comment: input.comment,
    statusId: input.statusId,
    history: abandoned
      ? []
      : [
          {
            historyId: nextId(state, 'orderHistory'),
            statusId: input.statusId,
            comment: '',
            dateAdded: toHistoryDateTime(now),
          },
        ],
    lines,
    totals: buildOrderTotals({ lines, shippingMethod, paymentMethod }, () => nextId(state, 'orderTotal')),
    cartToken: createHash('sha256').update(`cart-${innerId}-${now}`).digest('hex').slice(0, 32),
    ip: input.ip,
    dateCreated: now,
    dateUpdated: now,
  };
  state.orders.push(order);
  return { order, event: abandoned ? 'abandoned_cart' : 'order_confirm' };
}

/** Moves an order to a new status with a history entry; returns the webhook event it raises. */
export function changeOrderStatus(
  order: StoredOrder,
  state: SimulatorState,
  statusId: number,
  comment: string,
  now: string,
): WebhookEvent {
  const wasAbandoned = order.statusId === ABANDONED_CART_STATUS_ID;
  if (wasAbandoned) for (const line of order.lines) subtractStock(state, line.sku, line.quantity);
  order.statusId = statusId;
  order.dateUpdated = now;
  order.history.push({
    historyId: nextId(state, 'orderHistory'),
    statusId,
    comment,
    dateAdded: toHistoryDateTime(now),
  });
  return wasAbandoned ? 'order_confirm' : 'order_status_change';
}
