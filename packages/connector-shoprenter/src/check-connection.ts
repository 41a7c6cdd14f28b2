/**
 * The connection check: first the OAuth token (client id and secret), then one cheap API call
 * (`GET /orders?limit=1`), which fails when the API base or shop name is wrong.
 */
import type { CheckFinding } from '@koppel/connector-sdk';
import { isAppError } from '@koppel/errors';
import type { ShoprenterSession } from './poll-orders.js';

const CREDENTIALS = 'source.credentials.clientSecret';
const SHOP = 'source.settings.shopName';

function reason(error: unknown): string {
  return isAppError(error) || error instanceof Error ? error.message : String(error);
}

export async function checkShoprenter(session: ShoprenterSession): Promise<CheckFinding[]> {
  const shop = session.settings.shopName;
  try {
    await session.client.token();
  } catch (error) {
    const field =
      isAppError(error) && error.field === 'source.credentials.clientId' ? error.field : CREDENTIALS;
    return [
      {
        subject: field,
        ok: false,
        message: `Shoprenter did not accept the API client for shop "${shop}": ${reason(error)}. Check the client id and secret under Settings > API Settings, and the shop name.`,
      },
    ];
  }
  const findings: CheckFinding[] = [
    { subject: CREDENTIALS, ok: true, message: `The API client signs in to shop "${shop}".` },
  ];
  try {
    await session.client.get('/orders', { limit: '1' });
    findings.push({ subject: SHOP, ok: true, message: `Orders of shop "${shop}" can be read.` });
  } catch (error) {
    findings.push({
      subject: SHOP,
      ok: false,
      message: `Orders of shop "${shop}" could not be read: ${reason(error)}. Check the shop name and API URL, and that the API client may read orders.`,
    });
  }
  return findings;
}
