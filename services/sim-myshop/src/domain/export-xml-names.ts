/**
 * ASSUMPTION: the element names of the myShop order export XML. No sample or schema of the
 * "export formaat van orderbeheer" was found (notes 3.3), so this is our design from the
 * back-office list columns and common Dutch shop exports. Every name lives here, so a real
 * sample means editing this table only.
 */
export const EXPORT_XML_NAMES = {
  root: 'orders',
  order: 'order',
  shopOrder: 'shop_order',
  orderNumber: 'ordernumber',
  orderDate: 'orderdate',
  orderTime: 'ordertime',
  changeTime: 'change_time',
  paymentStatus: 'paymentstatus',
  orderStatusId: 'orderstatus_id',
  orderStatus: 'orderstatus',
  orderStatusCustom: 'orderstatus_custom',
  aborted: 'aborted',
  currency: 'currency',
  comment: 'comment',
  customer: 'customer',
  name: 'name',
  email: 'email',
  phone: 'phone',
  company: 'company',
  invoiceAddress: 'invoice_address',
  deliveryAddress: 'delivery_address',
  street: 'street',
  housenumber: 'housenumber',
  zipcode: 'zipcode',
  city: 'city',
  country: 'country',
  lines: 'orderlines',
  line: 'orderline',
  productId: 'product_id',
  articleCode: 'article_code',
  description: 'description',
  quantity: 'quantity',
  unitPriceIncl: 'price_incl',
  unitPriceExcl: 'price_excl',
  vatRate: 'vat_rate',
  lineTotalIncl: 'total_incl',
  lineTotalExcl: 'total_excl',
  shippingCosts: 'shipping_costs',
  paymentCosts: 'payment_costs',
  amountIncl: 'amount_incl',
  amountExcl: 'amount_excl',
  totals: 'totals',
  totalExcl: 'total_excl',
  totalVat: 'total_vat',
  totalIncl: 'total_incl',
  vatSpecification: 'vat_specification',
  vat: 'vat',
  vatAmount: 'amount',
} as const;

/** Flags are served as 1/0, as PHP-generated XML usually does. */
export const flag = (value: boolean): string => (value ? '1' : '0');
