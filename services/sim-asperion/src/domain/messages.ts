/**
 * Error and validation texts in the two languages Asperion offers through `Accept-Language`
 * (notes §1.1). Texts are ours; connectors must never match on them, only on fields and statuses.
 */
export type Language = 'nl-NL' | 'en-US';

const CATALOGUE = {
  required: { nl: 'Het veld {field} is verplicht.', en: 'The {field} field is required.' },
  invalidValue: { nl: 'De waarde is ongeldig.', en: 'The value is not valid.' },
  tooLong: { nl: 'Maximaal {max} tekens toegestaan.', en: 'At most {max} characters are allowed.' },
  tooManyDecimals: {
    nl: 'Bedrag mag maximaal 2 decimalen hebben.',
    en: 'Amount may have at most 2 decimals.',
  },
  outOfRange: {
    nl: 'Het veld {field} moet tussen -{max} en {max} liggen.',
    en: 'The field {field} must be between -{max} and {max}.',
  },
  invalidEmail: { nl: 'Ongeldig e-mailadres.', en: 'The e-mail address is not valid.' },
  invalidCountry: {
    nl: 'Landcode moet een ISO-code van 2 letters zijn.',
    en: 'Country code must be a 2-letter ISO code.',
  },
  invalidDate: { nl: 'Ongeldige datum.', en: 'The date is not valid.' },
  mustNotBeSet: { nl: 'Dit veld wordt door de server gevuld.', en: 'This field is assigned by the server.' },
  idMismatch: { nl: 'Id in de body wijkt af van de URL.', en: 'The id in the body differs from the URL.' },
  duplicateCustomerNumber: {
    nl: 'Klantnummer {value} bestaat al.',
    en: 'Customer number {value} already exists.',
  },
  duplicateInvoiceNumber: {
    nl: 'Factuurnummer {value} bestaat al.',
    en: 'Invoice number {value} already exists.',
  },
  unknownDebtor: {
    nl: 'Debiteur met klantnummer {value} bestaat niet.',
    en: 'Debtor with customer number {value} does not exist.',
  },
  unknownPaymentCondition: {
    nl: 'Betalingsconditie {value} bestaat niet.',
    en: 'Payment condition {value} does not exist.',
  },
  unknownJournal: { nl: 'Dagboek {value} bestaat niet.', en: 'Journal {value} does not exist.' },
  notSalesJournal: {
    nl: 'Dagboek {value} is geen verkoopboek.',
    en: 'Journal {value} is not a sales journal.',
  },
  unknownVatCode: { nl: 'Btw-code {value} bestaat niet.', en: 'VAT code {value} does not exist.' },
  notSalesVatCode: {
    nl: 'Btw-code {value} is geen verkoopcode.',
    en: 'VAT code {value} is not a sales code.',
  },
  vatCodeNotValidOnDate: {
    nl: 'Btw-code {value} is niet geldig op {date}.',
    en: 'VAT code {value} is not valid on {date}.',
  },
  unknownLedgerAccount: {
    nl: 'Grootboekrekening {value} bestaat niet.',
    en: 'Ledger account {value} does not exist.',
  },
  disabledLedgerAccount: {
    nl: 'Grootboekrekening {value} is geblokkeerd.',
    en: 'Ledger account {value} is disabled.',
  },
  vatAmountMismatch: {
    nl: 'Btw-bedrag {given} past niet bij {percentage}% van {amount} (verwacht {expected}).',
    en: 'VAT amount {given} does not match {percentage}% of {amount} (expected {expected}).',
  },
  totalMismatch: {
    nl: 'Totaal {given} wijkt af van de som van de regels ({expected}).',
    en: 'Total {given} differs from the sum of the lines ({expected}).',
  },
  noLines: { nl: 'Een factuur heeft minstens één regel.', en: 'An invoice needs at least one line.' },
  invalidStatus: { nl: 'Status {value} is niet toegestaan.', en: 'Status {value} is not allowed.' },
  invalidPeriod: {
    nl: 'Boekperiode moet tussen 1 en 12 liggen.',
    en: 'Book period must be between 1 and 12.',
  },
  pageSizeTooLarge: { nl: 'pageSize mag maximaal {max} zijn.', en: 'pageSize may be at most {max}.' },
  invalidComparison: { nl: 'Onbekende vergelijking {value}.', en: 'Unknown comparison {value}.' },
  invalidTenant: {
    nl: 'Administratie-id moet een getal zijn.',
    en: 'The administration id must be a number.',
  },
  conflictingTenantHeaders: {
    nl: 'X-Tenant-Id en X-TenantId verschillen.',
    en: 'X-Tenant-Id and X-TenantId differ.',
  },
  validationTitle: {
    nl: 'Er zijn een of meer validatiefouten opgetreden.',
    en: 'One or more validation errors occurred.',
  },
  unauthorized: { nl: 'Niet geautoriseerd.', en: 'Unauthorized.' },
  tokenMissing: { nl: 'Geen toegangstoken meegestuurd.', en: 'No access token was sent.' },
  tokenInvalid: { nl: 'Het toegangstoken is ongeldig.', en: 'The access token is invalid.' },
  tokenExpired: { nl: 'Het toegangstoken is verlopen.', en: 'The access token has expired.' },
  forbiddenTenant: {
    nl: 'Geen toegang tot administratie {value}.',
    en: 'No access to administration {value}.',
  },
  notFound: { nl: 'Niet gevonden.', en: 'Not found.' },
  tooManyRequests: {
    nl: 'Te veel verzoeken; probeer het over {seconds} seconden opnieuw.',
    en: 'Too many requests; retry in {seconds} seconds.',
  },
  unsupportedMediaType: { nl: 'Content-Type wordt niet ondersteund.', en: 'Unsupported Content-Type.' },
  serverError: { nl: 'Er is een fout opgetreden.', en: 'An error occurred.' },
} as const;

export type MessageKey = keyof typeof CATALOGUE;
export type MessageParams = Record<string, string | number>;

export function translate(key: MessageKey, language: Language, params: MessageParams = {}): string {
  const entry = CATALOGUE[key];
  const template: string = language === 'en-US' ? entry.en : entry.nl;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function pickLanguage(acceptLanguage: string | undefined, fallback: Language): Language {
  if (!acceptLanguage) return fallback;
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  if (first.startsWith('en')) return 'en-US';
  if (first.startsWith('nl')) return 'nl-NL';
  return fallback;
}
