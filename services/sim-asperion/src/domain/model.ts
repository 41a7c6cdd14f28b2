/**
 * The simulator's state. Money is integer cents; the wire converts to JSON numbers at the edge.
 * Field names follow ASP-GO `types.go` (notes §1.5-§1.7); fields marked [I] are inferred.
 */
export type Administration = {
  id: number;
  name: string;
  profileName: string;
  telephoneNumber: string;
  email: string;
};

export type VatCode = {
  id: string;
  description: string;
  salesCode: boolean;
  /** Percentage as a number with at most 2 decimals (21, 9, 0). */
  percentage: number;
  isDefault: boolean;
  /** `YYYY-MM-DD` or null for open-ended. */
  validFrom: string | null;
  validUntil: string | null;
  countryCode: string;
};

export type LedgerAccount = {
  id: number;
  /** [I] 1 = balance sheet, 2 = profit and loss. */
  type: number;
  description: string;
  vatCode: string | null;
  disabled: boolean;
  rcsfi: string;
  conversionCode: string;
  costCenter: string;
};

export type Journal = {
  id: string;
  description: string /** [I] 'Sales' | 'Purchase' | 'Bank' | 'Memorial' */;
  type: string;
};

export type PaymentCondition = { id: number; description: string /** [I] days until due */; days: number };

/** [I] Field names of articles are not public (notes §1.8); only `currentStock` is confirmed. */
export type Article = {
  id: number;
  code: string;
  description: string;
  ean: string;
  unit: string;
  salesPriceCents: number;
  vatCode: string;
  salesTypeId: number;
  activeState: 'Active' | 'Inactive';
  currentStock: number;
  reservedStock: number;
};

export type Debtor = {
  id: number;
  customerNumber: string;
  name: string;
  address: string;
  addressLine2: string;
  addressLine3: string;
  postCode: string;
  city: string;
  countryCode: string;
  attentionTo: string;
  emailAddress: string;
  phoneNumber: string;
  mobileNumber: string;
  faxNumber: string;
  vatNumber: string;
  cocNumber: string;
  iban: string;
  bic: string;
  bban: string;
  directDebit: boolean;
  debtorKindId: string;
  paymentConditionId: number | null;
  paymentMethodId: string;
  comments: string | null;
  characteristic4: string | null;
  characteristic5: string | null;
  blocked: boolean;
  noReminder: boolean;
  dateAdded: string;
  dateLastChange: string;
};

export type SalesInvoiceLine = {
  id: number;
  description: string;
  amountCents: number;
  ledgerAccountId: number;
  vatCode: string;
  vatAmountCents: number;
  costCenterId: number | null;
  costUnitId: number | null;
};

export type SalesInvoice = {
  id: number;
  invoiceNumber: string;
  debtorCustomerNumber: string;
  /** `YYYY-MM-DD` */
  date: string;
  bookyear: number;
  bookperiod: number;
  journalId: string;
  description: string;
  paymentConditionId: number | null;
  paymentDueDate: string;
  amountExclVatCents: number;
  amountInclVatCents: number;
  vatAmountCents: number;
  status: number;
  lines: SalesInvoiceLine[];
  dateAdded: string;
};

export type AdministrationData = {
  administration: Administration;
  vatCodes: VatCode[];
  ledgerAccounts: LedgerAccount[];
  journals: Journal[];
  paymentConditions: PaymentCondition[];
  articles: Article[];
  debtors: Debtor[];
  salesInvoices: SalesInvoice[];
  counters: { debtorId: number; invoiceId: number; invoiceLineId: number; invoiceNumber: number };
};

export type User = {
  id: string;
  username: string;
  administrationIds: number[];
  defaultAdministrationId: number;
};

export type OAuthClient = { clientId: string; clientSecret: string; redirectUris: string[] };
