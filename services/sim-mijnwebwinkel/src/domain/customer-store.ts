import { appError } from '@koppel/errors';
import { STORE_ID } from './assumptions.js';
import type { StateHolder } from './state-holder.js';
import type { Customer } from './state.js';

/** Shop customers (spec `/customers`): search by e-mail, create, update names. */
export function createCustomerStore(holder: StateHolder) {
  const customers = (): Customer[] => holder.state.customers;

  /** `q`: "search query to find customers by their email"; read as a case-insensitive substring. */
  function search(q: string | undefined): Customer[] {
    const needle = (q ?? '').trim().toLowerCase();
    return customers().filter((c) => needle === '' || c.email.toLowerCase().includes(needle));
  }

  function find(id: string): Customer | undefined {
    return customers().find((c) => c.id === id);
  }

  function create(input: { email: string; firstName?: string; lastName?: string }): Customer {
    if (customers().some((c) => c.email.toLowerCase() === input.email.toLowerCase())) {
      throw appError('VALIDATION_FAILED', 'a customer with this email already exists', { field: 'email' });
    }
    const customer: Customer = {
      id: holder.newId(),
      storeId: STORE_ID,
      email: input.email,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      dateOfBirth: null,
      description: null,
      addresses: [],
    };
    customers().push(customer);
    holder.changed();
    return customer;
  }

  function change(
    customer: Customer,
    patch: Partial<Pick<Customer, 'firstName' | 'lastName' | 'dateOfBirth' | 'description'>>,
  ): Customer {
    Object.assign(customer, patch);
    holder.changed();
    return customer;
  }

  return { search, find, create, change };
}

export type CustomerStore = ReturnType<typeof createCustomerStore>;
