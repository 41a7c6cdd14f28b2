/**
 * The simulator's state (one tenant: Mplus gives each customer a personal host+port, notes §3.1).
 * Money in integer cents, quantities in integer millionths, timestamps as ISO strings; everything
 * JSON-serialisable for the optional state file.
 */
export type VatMethod =
  | 'VAT-METHOD-INCLUSIVE'
  | 'VAT-METHOD-EXCLUSIVE'
  | 'VAT-METHOD-SHIFTED'
  | 'VAT-METHOD-NONE';

export type Address = Partial<
  Record<'name' | 'contact' | 'address' | 'zipcode' | 'city' | 'country' | 'companyName' | 'label', string>
>;

export type Relation = {
  relationNumber: number;
  active: boolean;
  fields: Record<string, string>;
  numbers: Record<string, number>;
  defaultVatMethod?: VatMethod;
  createTimestamp: string;
  changeTimestamp: string;
  syncMarker: number;
};

export type Article = {
  articleNumber: number;
  extArticleId?: string;
  pluNumber?: string;
  barcode?: string;
  description: string;
  colour?: string;
  size?: string;
  active: boolean;
  webshop: boolean;
  stockArticle: boolean;
  vatCode: number;
  purchasePrice?: number;
  /** Sales price incl. VAT, cents. */
  price: number;
  turnoverGroup?: number;
  brandName?: string;
  discontinued: boolean;
};

export type Product = {
  productNumber: number;
  description: string;
  extraText?: string;
  groupNumbers: number[];
  articles: Article[];
  changeTimestamp: string;
  syncMarker: number;
};

export type Branch = {
  branchNumber: number;
  extBranchId?: string;
  name: string;
  countryIso3: string;
  countryCode: string;
  workplaces: number[];
};
export type VatGroup = {
  branchNumber: number;
  vatCode: number;
  vatPercentage: number;
  accountNumber?: string;
};
export type DeliveryMethod = { code: string; description: string };

export type StockEntry = {
  free: number;
  reserved: number;
  incoming: number;
  changeTimestamp: string;
  stockId: number;
};
export type StockHistoryEntry = {
  stockId: number;
  timestamp: string;
  branchNumber: number;
  articleNumber: number;
  amountChanged: number;
  type: string;
  orderId?: string;
};

export type OrderLine = {
  lineId: string;
  employeeNumber: number;
  articleNumber: number;
  pluNumber?: string;
  text: string;
  quantity: number;
  decimalPlaces: number;
  price: number;
  priceExcl: number;
  vatCode: number;
  vatPercentage: number;
  discountPercentage?: number;
  discountAmount?: number;
  discountAmountExcl?: number;
  /** LineData.turnoverGroupCostCenter: the turnover group the line is booked on (notes §3.4). */
  turnoverGroupCostCenter?: number;
  lineTotalIncl: number;
  lineTotalExcl: number;
  sequenceNumber: number;
};

export type Order = {
  orderId: string;
  extOrderId?: string;
  orderNumber: { year: number; number: number };
  orderType: string;
  entryBranchNumber: number;
  financialBranchNumber: number;
  workplaceNumber?: number;
  employeeNumber: number;
  relationNumber: number;
  reference?: string;
  financialDate: { day: number; mon: number; year: number };
  entryTimestamp: string;
  deliveryDate?: { day: number; mon: number; year: number };
  deliveryAddress?: Address;
  invoiceAddress?: Address;
  vatMethod: VatMethod;
  totalInclAmount: number;
  totalExclAmount: number;
  deliveryMethod?: string;
  paymentMethod?: string;
  lines: OrderLine[];
  queued: boolean;
  /** `till`: taken at the till (control API `POST /_control/till-orders`), not through the API. */
  via: 'createOrder' | 'queueBranchOrder' | 'till';
  /**
   * WSDL `Order.syncMarker`: the tenant-wide marker of the order's last change, what `getOrders`
   * pages by. Optional so state files written before getOrders existed still load.
   */
  syncMarker?: number;
};

/**
 * An invoice made with saveInvoice (WSDL `Invoice`): the order's fields that apply, numbered per
 * financial year on its own counter; `finalized` as sent (default false, a concept invoice).
 */
export type Invoice = Omit<
  Order,
  'orderId' | 'extOrderId' | 'orderNumber' | 'orderType' | 'queued' | 'via'
> & {
  invoiceId: string;
  extInvoiceId?: string;
  invoiceNumber: { year: number; number: number };
  finalized: boolean;
};

export type SimulatorState = {
  relations: Relation[];
  products: Product[];
  branches: Branch[];
  employees: { employeeNumber: number; name: string }[];
  vatGroups: VatGroup[];
  deliveryMethods: DeliveryMethod[];
  /** Stock per `${branchNumber}:${articleNumber}`. */
  stock: Record<string, StockEntry>;
  stockHistory: StockHistoryEntry[];
  orders: Order[];
  /** Optional so state files written before invoices existed still load. */
  invoices?: Invoice[];
  counters: {
    syncMarker: number;
    stockId: number;
    orderNumbers: Record<string, number>;
    invoiceNumbers?: Record<string, number>;
    lineId: number;
  };
};

/** Relation fields stored as given (notes §3.3 `Relation` type); the wire schema is built from these. */
export const RELATION_STRING_FIELDS = [
  'extRelationId',
  'name',
  'companyName',
  'contact',
  'address',
  'zipcode',
  'city',
  'country',
  'deliveryAddress',
  'deliveryZipcode',
  'deliveryCity',
  'deliveryCountry',
  'telephone',
  'mobile',
  'email',
  'website',
  'vatNumber',
  'commerceNumber',
  'bankAccountNumber',
  'relationCode',
] as const;
export const RELATION_NUMBER_FIELDS = [
  'priceGroupNumber',
  'discountPercentage',
  'paymentWithinDays',
  'creditLimit',
] as const;
