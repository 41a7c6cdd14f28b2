/**
 * The shop customer (spec `/customers`): found by e-mail (`q`, "search query to find customers
 * by their email", matched exactly here since it is a search), created with `{email, firstName,
 * lastName}`, names brought up to date with `PATCH /customers/{id}`. targetId = the customer's uuid,
 * which the order's `debtor.id` links to.
 */
import type { CanonicalOrder, CustomerRef } from '@koppel/contracts';
import type { TargetDebtor } from '@koppel/connector-sdk';
import { normalizeEmail } from '@koppel/order-model';
import {
  customerEnvelopeSchema,
  customerListSchema,
  type MijnwebwinkelCustomer,
} from './target-api-schemas.js';
import { mijnwebwinkelTargetErrors } from './target-errors.js';
import type { MijnwebwinkelTargetSession } from './target-session.js';

function toDebtor(customer: MijnwebwinkelCustomer): TargetDebtor {
  const name = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
  return { targetId: customer.id, name: name !== '' ? name : customer.email, email: customer.email };
}

function namesOf(customer: CustomerRef, order: CanonicalOrder): { firstName: string; lastName: string } {
  const first = customer.contact?.firstName || order.customer?.firstName || '';
  const last = customer.contact?.lastName || order.customer?.lastName || '';
  return first === '' && last === ''
    ? { firstName: '', lastName: customer.displayName }
    : { firstName: first, lastName: last };
}

function parse<T>(
  schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: Error } },
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value);
  if (!result.success)
    throw mijnwebwinkelTargetErrors.badResponse(
      `Mijnwebwinkel answered ${what} with an unexpected body`,
      result.error,
    );
  return result.data;
}

export async function findCustomerByEmail(
  session: MijnwebwinkelTargetSession,
  email: string,
): Promise<TargetDebtor | null> {
  const wanted = normalizeEmail(email);
  const answer = await session.client.request({ method: 'GET', path: '/customers', query: { q: wanted } });
  const { customers } = parse(customerListSchema, answer, 'GET /customers');
  const found = customers.find((customer) => normalizeEmail(customer.email) === wanted);
  return found ? toDebtor(found) : null;
}

export async function createCustomer(
  session: MijnwebwinkelTargetSession,
  customer: CustomerRef,
  order: CanonicalOrder,
): Promise<TargetDebtor> {
  const answer = await session.client.request({
    method: 'POST',
    path: '/customers',
    body: { email: customer.normalizedEmail, ...namesOf(customer, order) },
  });
  return toDebtor(parse(customerEnvelopeSchema, answer, 'POST /customers').customer);
}

export async function updateCustomer(
  session: MijnwebwinkelTargetSession,
  debtor: TargetDebtor,
  customer: CustomerRef,
  order: CanonicalOrder,
): Promise<TargetDebtor> {
  const answer = await session.client.request({
    method: 'PATCH',
    path: `/customers/${encodeURIComponent(debtor.targetId)}`,
    body: namesOf(customer, order),
  });
  return toDebtor(parse(customerEnvelopeSchema, answer, 'PATCH /customers').customer);
}
