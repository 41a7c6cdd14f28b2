/**
 * The order export XML (the answer of `orders/list`) parsed into one tree per order, every value
 * a string as in the document (nothing coerced), and the few header fields the poll needs. The
 * element names are assumed (assumed-fields.ts). README.md "Assumed export fields".
 */
import { parseUntrustedXml } from '@koppel/connector-sdk';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { ASSUMED_FIELDS as F, REPEATED_ELEMENTS, TRUE_FLAG } from './assumed-fields.js';
import { myshopErrors } from './errors.js';
import { isChangeTime } from './shop-time.js';

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (tagName) => REPEATED_ELEMENTS.has(tagName),
});

/** One `<order>` element as a plain tree (the event payload, as JSON). */
export type ExportOrderTree = Record<string, unknown>;

const documentSchema = z.object({
  [F.root]: z.union([z.literal(''), z.object({ [F.order]: z.array(z.record(z.string(), z.unknown())) })]),
});

/** What the poll reads of each order: identity, change time, whether the checkout was aborted. */
export const orderHeaderSchema = z.object({
  [F.shopOrder]: z.string().min(1),
  [F.orderNumber]: z.string().default(''),
  [F.changeTime]: z.string().refine(isChangeTime, 'a yyyymmddhhmmss change_time'),
  [F.aborted]: z
    .string()
    .default('0')
    .transform((flag) => flag === TRUE_FLAG),
});

export type OrderHeader = {
  shopOrder: string;
  changeTime: string;
  aborted: boolean;
  tree: ExportOrderTree;
};

export function parseExport(xml: string): ExportOrderTree[] {
  const text = xml.replace(/^\uFEFF/, '');
  const document = parseUntrustedXml(parser, text);
  if (!document.ok) {
    throw myshopErrors.badResponse(
      `myShop's order export is not accepted XML (line ${document.problem.line}): ${document.problem.message}`,
    );
  }
  const parsed = documentSchema.safeParse(document.value);
  if (!parsed.success) {
    throw myshopErrors.badResponse(`myShop's order export has no <${F.root}> of <${F.order}> elements`);
  }
  const root = parsed.data[F.root];
  return root === '' ? [] : root[F.order];
}

export function readHeader(tree: ExportOrderTree, index: number): OrderHeader {
  const parsed = orderHeaderSchema.safeParse(tree);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw myshopErrors.badResponse(
      `order ${index + 1} of myShop's export lacks ${issue?.path.join('.') ?? 'a field'}: ${issue?.message ?? ''}`,
    );
  }
  const header = parsed.data;
  return {
    shopOrder: header[F.shopOrder],
    changeTime: header[F.changeTime],
    aborted: header[F.aborted],
    tree,
  };
}
