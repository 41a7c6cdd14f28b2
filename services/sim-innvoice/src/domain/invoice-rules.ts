import { ASSUMPTIONS } from './assumptions.js';
import { parseHuDate } from './dates.js';
import { buildLines } from './invoice-lines.js';
import { invalid, type Issue, missing } from './issues.js';
import type { Company, InvoiceDocument } from './model.js';

/**
 * Validates one `<invoice>` of `POST /{company}/invoice` (notes §4.3) and returns the document
 * to store, still without techid, table id and number (the store assigns those).
 */
export type DocumentDraft = Omit<
  InvoiceDocument,
  'techId' | 'tableId' | 'number' | 'printKey' | 'createdAt' | 'partnerId'
>;

const HU_TAX = /^\d{8}-\d-\d{2}$/;
const EU_TAX = /^[A-Z]{2}[0-9A-Z]{2,13}$/;

function flag(fields: Record<string, string>, name: string, issues: Issue[]): boolean {
  const value = fields[name]?.trim() || '0';
  if (value !== '0' && value !== '1') issues.push(invalid(name, '0 vagy 1 lehet'));
  return value === '1';
}

function date(
  fields: Record<string, string>,
  name: string,
  issues: Issue[],
  fallback?: string,
): string | undefined {
  const raw = fields[name]?.trim() ?? '';
  if (raw === '') {
    if (fallback === undefined) issues.push(missing(name));
    return fallback;
  }
  const parsed = parseHuDate(raw);
  if (!parsed) issues.push(invalid(name, 'várt formátum ÉÉÉÉ.HH.NN.'));
  return parsed;
}

export function buildDocument(
  fields: Record<string, string>,
  company: Company,
): { ok: true; value: DocumentDraft } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  const text = (name: string, required: boolean) => {
    const value = fields[name]?.trim() ?? '';
    if (required && value === '') issues.push(missing(name));
    return value;
  };
  const buyer = {
    name: text('VevoNev', true),
    postCode: text('VevoIrsz', true),
    city: text('VevoTelep', true),
    street: text('VevoUtcaHsz', true),
    country: (text('VevoOrszag', false) || 'HU').toUpperCase(),
    taxNumber: text('VevoAdoszam', false),
    email: text('VevoEmail', false),
  };
  if (!/^[A-Z]{2}$/.test(buyer.country)) issues.push(invalid('VevoOrszag', 'kétbetűs országkód'));
  if (
    buyer.taxNumber !== '' &&
    !HU_TAX.test(buyer.taxNumber) &&
    !EU_TAX.test(buyer.taxNumber.replace(/\s/g, ''))
  ) {
    issues.push(invalid('VevoAdoszam', 'formátum 12345678-1-23 vagy közösségi adószám'));
  }
  const padRaw = text('SzamlatombID', true);
  const pad = company.pads.find((p) => String(p.id) === padRaw);
  if (padRaw !== '' && !pad) issues.push(invalid('SzamlatombID', `nincs ${padRaw} azonosítójú számlatömb`));
  const issueDate = date(fields, 'SzamlaKelte', issues);
  const fulfilmentDate = date(fields, 'TeljesitesKelte', issues);
  const dueDate = date(fields, 'Hatarido', issues, issueDate);
  const currency = text('Devizanem', false) || 'Ft';
  if (!ASSUMPTIONS.currencies.includes(currency))
    issues.push(invalid('Devizanem', `ismeretlen pénznem "${currency}"`));
  const warehouseRaw = text('RaktarID', false);
  const warehouse = company.warehouses.find((w) => String(w.id) === warehouseRaw);
  if (warehouseRaw !== '' && !warehouse)
    issues.push(invalid('RaktarID', `nincs ${warehouseRaw} azonosítójú raktár`));
  const paid = flag(fields, 'Fizetve', issues);
  const electronic = flag(fields, 'Eszamla', issues);
  const draft = flag(fields, 'Felretett', issues);
  const proforma = flag(fields, 'Proforma', issues);
  const emailRequested = flag(fields, ASSUMPTIONS.emailFlagField, issues);
  if (emailRequested && buyer.email === '') issues.push(missing('VevoEmail'));
  const lines = buildLines(fields, currency, issues);
  if (
    ASSUMPTIONS.kbaNeedsBuyerTaxNumber &&
    buyer.taxNumber === '' &&
    lines.some((l) => l.vatLabel === '0% - KBA')
  ) {
    issues.push(missing('VevoAdoszam'));
  }
  if (issues.length > 0 || !pad || !issueDate || !fulfilmentDate || !dueDate) return { ok: false, issues };
  return {
    ok: true,
    value: {
      kind: proforma ? 'proforma' : 'invoice',
      draft,
      padId: pad.id,
      buyer,
      issueDate,
      fulfilmentDate,
      dueDate,
      currency,
      paymentMethod: text('FizetesiMod', false) || ASSUMPTIONS.defaultPaymentMethod,
      paid,
      electronic,
      emailRequested,
      // A set-aside draft is never sent (README "E-mail"): it is still being edited.
      emailedTo: emailRequested && !draft ? buyer.email : null,
      warehouseId: warehouse?.id ?? null,
      lines,
      net: lines.reduce((s, l) => s + l.net, 0),
      vat: lines.reduce((s, l) => s + l.vat, 0),
      gross: lines.reduce((s, l) => s + l.gross, 0),
      convertedToTechId: null,
      fromProformaTechId: null,
    },
  };
}
