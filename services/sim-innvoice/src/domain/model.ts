/**
 * InnVoice state per company account (notes §4). Amounts are integer hundredths of the currency
 * unit (fillér / cent), quantities integer thousandths; the wire uses decimal strings.
 */
export type Pad = { id: number; name: string; prefix: string };
export type PriceGroup = { id: number; name: string };
export type Warehouse = { id: number; name: string };

export type Product = {
  sku: string;
  name: string;
  ean: string;
  unit: string;
  vatLabel: string;
  productGroup: string;
  prices: { priceGroupId: number; amount: number }[];
  stock: { warehouseId: number; quantity: number }[];
};

export type Buyer = {
  name: string;
  postCode: string;
  city: string;
  street: string;
  country: string;
  taxNumber: string;
  email: string;
};

/**
 * A buyer InnVoice keeps in its partner register. No partner endpoint is known (notes §4.2 gap):
 * partners are upserted from the `Vevo*` fields of every accepted document [I].
 */
export type Partner = Buyer & { id: number; documentTechIds: string[] };

export type DocumentLine = {
  name: string;
  vatLabel: string;
  grossPrices: boolean;
  unitPrice: number;
  quantity: number;
  unit: string;
  sku: string;
  net: number;
  vat: number;
  gross: number;
};

export type DocumentKind = 'invoice' | 'proforma';

export type InvoiceDocument = {
  techId: string;
  /** Row id within the kind's table; proformas are converted by it (notes §4.2). */
  tableId: number;
  kind: DocumentKind;
  draft: boolean;
  padId: number;
  number: string | null;
  buyer: Buyer;
  partnerId: number;
  issueDate: string;
  fulfilmentDate: string;
  dueDate: string;
  currency: string;
  paymentMethod: string;
  paid: boolean;
  electronic: boolean;
  /** `EmailKuldes=1` on the request: InnVoice e-mails the document to `VevoEmail` [I: field name]. */
  emailRequested: boolean;
  /** Where the document was e-mailed on creation; `null` when not (no flag, or a draft). */
  emailedTo: string | null;
  warehouseId: number | null;
  lines: DocumentLine[];
  net: number;
  vat: number;
  gross: number;
  printKey: string;
  convertedToTechId: string | null;
  fromProformaTechId: string | null;
  createdAt: string;
};

export type Company = {
  name: string;
  displayName: string;
  username: string;
  password: string;
  pads: Pad[];
  priceGroups: PriceGroup[];
  warehouses: Warehouse[];
  products: Product[];
  documents: InvoiceDocument[];
  partners: Partner[];
  counters: {
    invoiceTableId: number;
    proformaTableId: number;
    partnerId: number;
    sequences: Record<string, number>;
  };
};

export type InnvoiceState = { companies: Company[]; techIdCounter: number };
