/**
 * Small connectors of the admin tests, so they exercise admin against the SDK contract without
 * depending on the real connector packages: a target `books`, a polled source `webshop` that
 * can check, and a webhook-only source `hookshop` that opens no session.
 */
import type {
  AnySourceConnector,
  AnyTargetConnector,
  CheckFinding,
  ConnectionContext,
  CursorReset,
  SourceConnector,
  TargetConnector,
} from '@koppel/connector-sdk';
import { appError } from '@koppel/errors';
import { z } from 'zod';

const booksSettingsSchema = z.strictObject({
  tenantId: z.coerce.number().int().positive(),
  journal: z.string().min(1).default('VK'),
});
const booksCredentialsSchema = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
});
type BooksContext = ConnectionContext<
  z.infer<typeof booksSettingsSchema>,
  z.infer<typeof booksCredentialsSchema>
>;

const notUsed = () => {
  throw new Error('not used by the admin tests');
};

/** Checks each credential and setting; clientSecret `explode` throws, `slow` never answers. */
async function checkBooks({ settings, credentials }: BooksContext): Promise<CheckFinding[]> {
  if (credentials.clientSecret === 'explode') throw new Error('the books API answered 500');
  if (credentials.clientSecret === 'slow') return new Promise<CheckFinding[]>(() => {});
  const secretOk = credentials.clientSecret !== 'wrong';
  return [
    { subject: 'target.credentials.clientId', ok: true, message: 'The client id is known.' },
    {
      subject: 'target.credentials.clientSecret',
      ok: secretOk,
      message: secretOk ? 'Signing in works.' : 'The client secret is wrong; copy it again from Test Books.',
    },
    {
      subject: 'target.settings.tenantId',
      ok: settings.tenantId !== 404,
      message: settings.tenantId !== 404 ? 'The administration exists.' : 'There is no administration 404.',
    },
  ];
}

export const booksConnector = {
  system: 'books',
  displayName: 'Test Books',
  settingsSchema: booksSettingsSchema,
  credentialsSchema: booksCredentialsSchema,
  openSession: (connection) => connection,
  prepareDocument: notUsed,
  findDocument: notUsed,
  findDebtorByEmail: notUsed,
  createDebtor: notUsed,
  updateDebtor: notUsed,
  findMissingProducts: notUsed,
  createDocument: notUsed,
  check: checkBooks,
} satisfies TargetConnector<
  z.infer<typeof booksSettingsSchema>,
  z.infer<typeof booksCredentialsSchema>,
  BooksContext
>;

const webshopSettingsSchema = z.strictObject({
  shopName: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
  polling: z
    .strictObject({
      enabled: z.boolean().default(false),
      intervalSeconds: z.number().int().min(30).default(300),
    })
    .default({ enabled: false, intervalSeconds: 300 }),
});
const webshopCredentialsSchema = z.strictObject({ apiToken: z.string().min(8).optional() });
type WebshopContext = ConnectionContext<
  z.infer<typeof webshopSettingsSchema>,
  z.infer<typeof webshopCredentialsSchema>
>;

/** Cursor `order:<next order number>` or `since:<ISO time>`. */
function cursorFor(reset: CursorReset): string {
  if ('since' in reset) return `since:${reset.since.toISOString()}`;
  if (!/^\d+$/.test(reset.orderNumber)) {
    throw appError('VALIDATION_FAILED', `Test Shop order numbers are digits, not "${reset.orderNumber}"`, {
      field: 'orderNumber',
    });
  }
  return `order:${reset.orderNumber}`;
}

export const webshopConnector = {
  system: 'webshop',
  displayName: 'Test Shop',
  settingsSchema: webshopSettingsSchema,
  credentialsSchema: webshopCredentialsSchema,
  decodeOrder: notUsed,
  webhook: { authentication: 'url-secret', acceptedContentTypes: ['application/json'], split: notUsed },
  poller: {
    role: 'reconciliation',
    initialCursor: (now: Date) => `since:${now.toISOString()}`,
    poll: notUsed,
    cursorFor,
    describeCursor: (cursor: string) =>
      cursor.startsWith('order:')
        ? `next order number to import: ${cursor.slice('order:'.length)}`
        : `orders changed since ${cursor.slice('since:'.length)}`,
  },
  pollingEnabled: (settings) => settings.polling,
  openSession: (connection) => connection,
  check: async ({ credentials }: WebshopContext) => [
    {
      subject: 'source.credentials.apiToken',
      ok: credentials.apiToken !== undefined,
      message: credentials.apiToken ? 'The API token works.' : 'No API token: polling cannot sign in.',
    },
  ],
} satisfies SourceConnector<
  z.infer<typeof webshopSettingsSchema>,
  z.infer<typeof webshopCredentialsSchema>,
  WebshopContext
>;

export const hookshopConnector = {
  system: 'hookshop',
  displayName: 'Hook Shop',
  settingsSchema: z.strictObject({ storeId: z.string().min(1).default('main') }),
  credentialsSchema: z.strictObject({}),
  decodeOrder: notUsed,
  webhook: {
    authentication: 'standard-webhooks',
    acceptedContentTypes: ['application/json'],
    split: notUsed,
  },
} satisfies SourceConnector<{ storeId: string }, Record<string, never>>;

export const testSources: readonly AnySourceConnector[] = [webshopConnector, hookshopConnector];
export const testTargets: readonly AnyTargetConnector[] = [booksConnector];
