/**
 * The connection check: one cheap call (`GET /orders?limit=1`) with both tokens, read as two
 * findings. 401 is the shop owner's API token, 403 Koppel's partner token (a token is bound to
 * the partner chosen when it was made); a partner token cannot be judged while the API token is
 * refused, and the finding says so.
 */
import type { CheckFinding } from '@koppel/connector-sdk';
import { isAppError } from '@koppel/errors';
import { API_TOKEN_FIELD, PARTNER_TOKEN_FIELD } from './errors.js';
import type { MijnwebwinkelSession } from './poll-orders.js';

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function checkMijnwebwinkel(session: MijnwebwinkelSession): Promise<CheckFinding[]> {
  try {
    await session.client.get('/orders', { limit: '1' });
  } catch (error) {
    const field = isAppError(error) && error.code === 'SOURCE_AUTH_FAILED' ? error.field : undefined;
    if (field === API_TOKEN_FIELD) {
      return [
        {
          subject: API_TOKEN_FIELD,
          ok: false,
          message: `Mijnwebwinkel does not accept the API token: ${reason(error)}. In the shop's back office (Settings → API) check that the token is active and was made for partner Koppel, or add a new one and paste it here.`,
        },
        {
          subject: PARTNER_TOKEN_FIELD,
          ok: false,
          message: 'The partner token could not be checked while the API token is refused.',
        },
      ];
    }
    if (field === PARTNER_TOKEN_FIELD) {
      return [
        { subject: API_TOKEN_FIELD, ok: true, message: 'Mijnwebwinkel knows the API token.' },
        {
          subject: PARTNER_TOKEN_FIELD,
          ok: false,
          message: `Mijnwebwinkel does not accept Koppel's partner token for this API token: ${reason(error)}. The shop owner must make the token for partner Koppel; check the partner token Koppel was registered with.`,
        },
      ];
    }
    const message = `Orders could not be read from Mijnwebwinkel: ${reason(error)}. Check the API URL, or try again later.`;
    return [
      { subject: API_TOKEN_FIELD, ok: false, message },
      { subject: PARTNER_TOKEN_FIELD, ok: false, message },
    ];
  }
  return [
    { subject: API_TOKEN_FIELD, ok: true, message: "The API token opens the shop's orders." },
    { subject: PARTNER_TOKEN_FIELD, ok: true, message: 'The partner token matches the API token.' },
  ];
}
