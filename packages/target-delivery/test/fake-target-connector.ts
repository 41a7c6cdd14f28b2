import type { TargetConnector, TargetDebtor, TargetDocument } from '@koppel/connector-sdk';
import { z } from 'zod';
import type { CanonicalOrder, CustomerRef } from '@koppel/contracts';

export type FakeSession = { administration: string };

/** The fake's prepared body: what its createDocument needs of the order. */
export type FakeBody = { externalId: string };

export type FakeTargetState = {
  /** Documents the target already holds, by document number. */
  documents: Map<string, TargetDocument>;
  /** Debtors the target already holds, by e-mail. */
  debtorsByEmail: Map<string, TargetDebtor>;
  /** SKUs the target does not know. */
  unknownSkus: Set<string>;
  /** Makes the next createDebtor fail with this error. */
  failCreateDebtor?: Error;
  /** Awaited inside createDebtor, so a test can hold a creation in flight. */
  duringCreateDebtor?: () => Promise<void>;
  /** Makes prepareDocument throw this error (an order the target can never accept). */
  failPrepare?: Error;
  /** Awaited inside findDebtorByEmail (after recording the call). */
  duringFindDebtor?: () => Promise<void>;
  /** Awaited inside findMissingProducts, the last step before the document is created. */
  duringFindMissingProducts?: () => Promise<void>;
  /** Awaited inside createDocument before the document exists, so creations can overlap. */
  duringCreateDocument?: () => Promise<void>;
  /**
   * Makes the next createDocument throw `error`, after booking the document when `booked` (a
   * lost answer: the target committed it, the caller never hears so).
   */
  failCreateDocument?: { error: Error; booked: boolean };
  /** Notes createDocument returns with the document (e.g. SKUs that moved no stock). */
  notes?: string[];
};

export type FakeOptions = {
  /** `none`: a target that cannot be searched; findDocument then never finds anything. */
  documentLookup?: 'by-number' | 'none';
  /** Offers `debtorDetails` (the customer's name and e-mail), so unchanged debtors are skipped. */
  debtorDetails?: boolean;
};

export type Call = { method: string; args: unknown[] };

/**
 * A TargetConnector test double over an in-memory target: the collaborator of deliverOrder,
 * recording every call so a test can tell what was (and was not) asked of the target.
 */
export function createFakeTargetConnector(state: Partial<FakeTargetState> = {}, options: FakeOptions = {}) {
  const target: FakeTargetState = {
    documents: state.documents ?? new Map(),
    debtorsByEmail: state.debtorsByEmail ?? new Map(),
    unknownSkus: state.unknownSkus ?? new Set(),
    ...(state.failCreateDebtor ? { failCreateDebtor: state.failCreateDebtor } : {}),
    ...(state.duringCreateDebtor ? { duringCreateDebtor: state.duringCreateDebtor } : {}),
    ...(state.failPrepare ? { failPrepare: state.failPrepare } : {}),
    duringFindDebtor: state.duringFindDebtor,
    duringFindMissingProducts: state.duringFindMissingProducts,
    duringCreateDocument: state.duringCreateDocument,
    failCreateDocument: state.failCreateDocument,
    notes: state.notes,
  };
  const calls: Call[] = [];
  /** External ids of the orders prepared (pure, so not a call to the target). */
  const prepared: string[] = [];
  let nextDebtor = 1;
  let nextDocument = 1;
  const record = (method: string, ...args: unknown[]) => calls.push({ method, args });
  const documentNumber = (order: CanonicalOrder) => `KOP-${order.externalId}`;

  const connector: TargetConnector<unknown, unknown, FakeSession, FakeBody> = {
    system: 'fake-books',
    displayName: 'Fake books',
    documentLookup: options.documentLookup,
    settingsSchema: z.unknown(),
    credentialsSchema: z.unknown(),
    openSession: () => ({ administration: 'adm-1' }),
    ...(options.debtorDetails
      ? {
          debtorDetails: (_session: FakeSession, customer: CustomerRef) => ({
            name: customer.displayName,
            email: customer.normalizedEmail,
          }),
        }
      : {}),
    prepareDocument(order) {
      prepared.push(order.externalId);
      if (target.failPrepare) throw target.failPrepare;
      return { number: documentNumber(order), body: { externalId: order.externalId } };
    },
    async findDocument(session, document, order) {
      record('findDocument', session, order.externalId);
      if (options.documentLookup === 'none') return null;
      return target.documents.get(document.number) ?? null;
    },
    async findDebtorByEmail(session, email) {
      record('findDebtorByEmail', session, email);
      await target.duringFindDebtor?.();
      return target.debtorsByEmail.get(email) ?? null;
    },
    async createDebtor(session, customer: CustomerRef) {
      record('createDebtor', session, customer.customerId);
      await target.duringCreateDebtor?.();
      if (target.failCreateDebtor) {
        const error = target.failCreateDebtor;
        delete target.failCreateDebtor;
        throw error;
      }
      const debtor = {
        targetId: `D-${nextDebtor++}`,
        name: customer.displayName,
        email: customer.normalizedEmail,
      };
      target.debtorsByEmail.set(debtor.email, debtor);
      return debtor;
    },
    async updateDebtor(session, debtor, customer) {
      record('updateDebtor', session, debtor.targetId);
      return { ...debtor, name: customer.displayName };
    },
    async findMissingProducts(session, order) {
      record('findMissingProducts', session, order.externalId);
      await target.duringFindMissingProducts?.();
      return order.lines.map((line) => line.sku).filter((sku) => target.unknownSkus.has(sku));
    },
    async createDocument(session, document, debtor) {
      record('createDocument', session, document.body.externalId, debtor.targetId);
      await target.duringCreateDocument?.();
      const fault = target.failCreateDocument;
      delete target.failCreateDocument;
      if (fault && !fault.booked) throw fault.error;
      const created = { targetId: `doc-${nextDocument++}`, number: document.number };
      target.documents.set(created.number, created);
      if (fault) throw fault.error;
      return target.notes ? { ...created, notes: target.notes } : created;
    },
    async check() {
      return [];
    },
  };

  return {
    connector,
    target,
    calls,
    prepared,
    /** The names of the calls made, in order. */
    methods: () => calls.map((c) => c.method),
  };
}
