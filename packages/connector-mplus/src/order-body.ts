/**
 * The prepared order as the SOAP payload of createOrder / queueBranchOrder (WSDL `Order`, `Line`,
 * `LineData`), at the edge: cents become `xsd:long` text here and nowhere else. Elements follow
 * the WSDL's sequence order.
 */
import type { MplusAddress, MplusOrderDraft } from './map-order.js';
import type { XmlNode } from './soap-envelope.js';

/** `articleFor` gives each line's article number (a PLU line's is looked up before this). */
export function toOrderPayload(
  draft: MplusOrderDraft,
  relationNumber: string,
  articleFor: (index: number) => string,
): Record<string, XmlNode> {
  const inclusive = draft.vatMethod === 'VAT-METHOD-INCLUSIVE';
  return {
    order: {
      extOrderId: draft.extOrderId,
      entryBranchNumber: draft.entryBranchNumber,
      workplaceNumber: draft.workplaceNumber,
      employeeNumber: draft.employeeNumber,
      relationNumber,
      reference: draft.reference,
      financialDate: draft.financialDate,
      deliveryAddress: draft.deliveryAddress && address(draft.deliveryAddress),
      invoiceAddress: draft.invoiceAddress && address(draft.invoiceAddress),
      vatMethod: draft.vatMethod,
      totalInclAmount: draft.totals.gross,
      totalExclAmount: draft.totals.net,
      deliveryMethod: draft.deliveryMethod,
      lineList: {
        line: draft.lines.map((line, index) => ({
          employeeNumber: draft.employeeNumber,
          articleNumber: articleFor(index),
          text: line.text,
          data: {
            quantity: line.quantity,
            decimalPlaces: 0,
            ...(inclusive ? { price: line.unitPrice } : { priceExcl: line.unitPrice }),
            vatCode: line.vatCode,
            ...(line.discount === 0n
              ? {}
              : inclusive
                ? { discountAmount: line.discount }
                : { discountAmountExcl: line.discount }),
            turnoverGroupCostCenter: line.turnoverGroup,
          },
          sequenceNumber: index + 1,
        })),
      },
    },
  };
}

/**
 * The same document as saveInvoice's `invoice` (WSDL `Invoice`): `extInvoiceId` instead of
 * `extOrderId`, and no delivery method (an invoice has none).
 */
export function toInvoicePayload(
  draft: MplusOrderDraft,
  relationNumber: string,
  articleFor: (index: number) => string,
): Record<string, XmlNode> {
  const { order } = toOrderPayload(draft, relationNumber, articleFor) as { order: Record<string, XmlNode> };
  const { extOrderId, deliveryMethod: _none, ...rest } = order;
  return { invoice: { extInvoiceId: extOrderId, ...rest } };
}

function address(a: MplusAddress): Record<string, XmlNode> {
  return {
    name: a.name,
    contact: a.contact || undefined,
    address: a.address,
    zipcode: a.zipcode,
    city: a.city,
    country: a.country,
    companyName: a.companyName || undefined,
  };
}
