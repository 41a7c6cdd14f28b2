import { currencyId, findCountry, languageId } from '../domain/countries.js';
import { formatAmount } from '../domain/money.js';
import { computeOrderAmounts } from '../domain/order-amounts.js';
import { encodeResourceId } from '../domain/resource-id.js';
import type { Address, StoredOrder } from '../domain/state.js';
import { href, type JsonObject, link, type ViewContext } from './view-context.js';

function addressFields(prefix: 'shipping' | 'payment', a: Address): JsonObject {
  return {
    [`${prefix}Firstname`]: a.firstname,
    [`${prefix}Lastname`]: a.lastname,
    [`${prefix}Company`]: a.company,
    [`${prefix}Address1`]: a.address1,
    [`${prefix}Address2`]: a.address2,
    [`${prefix}City`]: a.city,
    [`${prefix}Postcode`]: a.postcode,
    [`${prefix}CountryName`]: a.countryName,
    [`${prefix}ZoneName`]: a.zoneName,
    [`${prefix}AddressFormat`]: '',
  };
}

function countryLink(ctx: ViewContext, code: string) {
  const country = findCountry(code);
  return country ? link(ctx, 'countries', 'country', country.id) : null;
}

/** The `/orders` resource as sr-api-docs `fixtures/api/order` prints it: every scalar a string. */
export function renderOrder(order: StoredOrder, ctx: ViewContext): JsonObject {
  const id = encodeResourceId('order', order.innerId);
  const amounts = computeOrderAmounts(order);
  const currency = currencyId(order.currency);
  return {
    href: `${ctx.baseUrl}/orders/${id}`,
    id,
    innerId: String(order.innerId),
    invoiceId: order.invoiceId ?? '0',
    invoicePrefix: order.invoicePrefix ?? '',
    firstname: order.firstname,
    lastname: order.lastname,
    phone: order.phone,
    fax: order.fax,
    email: order.email,
    ...addressFields('shipping', order.shipping),
    shippingMethodName: order.shippingMethod.name,
    shippingMethodLocalizedName: order.shippingMethod.name,
    shippingMethodTaxRate: order.shippingMethod.taxRate,
    shippingMethodTaxName: '',
    shippingMethodExtension: order.shippingMethod.extension,
    shippingReceivingPointId: '',
    ...addressFields('payment', order.payment),
    paymentMethodName: order.paymentMethod.name,
    paymentMethodCode: order.paymentMethod.code,
    paymentMethodTaxRate: order.paymentMethod.taxRate,
    paymentMethodTaxName: '',
    paymentMethodAfter: '0',
    taxNumber: order.taxNumber,
    comment: order.comment,
    total: formatAmount(amounts.gross),
    value: order.currencyValue,
    couponTaxRate: '0.0000',
    loyaltyPointsTaxRate: '0.0000',
    dateCreated: order.dateCreated,
    dateUpdated: order.dateUpdated,
    ip: order.ip,
    pickPackPontShopCode: '',
    customer:
      order.customerInnerId === null ? null : link(ctx, 'customers', 'customer', order.customerInnerId),
    customerGroup: link(ctx, 'customerGroups', 'customerGroup', 8),
    shippingCountry: countryLink(ctx, order.shipping.countryCode),
    shippingZone: null,
    paymentCountry: countryLink(ctx, order.payment.countryCode),
    paymentZone: null,
    // An abandoned cart has no status link (README.md).
    orderStatus: order.statusId === 0 ? null : link(ctx, 'orderStatuses', 'orderStatus', order.statusId),
    language: link(ctx, 'languages', 'language', languageId(order.languageCode)),
    currency: currency === undefined ? null : link(ctx, 'currencies', 'currency', currency),
    shippingMode: link(ctx, 'shippingModes', 'shippingMode', order.shippingMethod.modeId),
    orderTotals: href(ctx, `orderTotals?orderId=${id}`),
    orderProducts: href(ctx, `orderProducts?orderId=${id}`),
    orderGiftWrappings: href(ctx, `orderGiftWrappings?orderId=${id}`),
    orderProductAddons: href(ctx, `orderProductAddons?orderId=${id}`),
    externalInfo: null,
  };
}
