/**
 * The target's connection check: `GET /orderstatuses` with both tokens (401 → the API token,
 * 403 → the partner token) and whether the configured `orderStatus` is one of the shop's.
 */
import type { CheckFinding } from '@koppel/connector-sdk';
import { isAppError } from '@koppel/errors';
import { orderStatusesSchema } from './target-api-schemas.js';
import {
  TARGET_API_TOKEN_FIELD,
  TARGET_ORDER_STATUS_FIELD,
  TARGET_PARTNER_TOKEN_FIELD,
} from './target-errors.js';
import type { MijnwebwinkelTargetSession } from './target-session.js';

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function checkMijnwebwinkelTarget(session: MijnwebwinkelTargetSession): Promise<CheckFinding[]> {
  let answer: unknown;
  try {
    answer = await session.client.request({ method: 'GET', path: '/orderstatuses' });
  } catch (error) {
    const field = isAppError(error) && error.code === 'TARGET_AUTH_FAILED' ? error.field : undefined;
    const tokens =
      field === TARGET_API_TOKEN_FIELD
        ? `Mijnwebwinkel does not accept the API token: ${reason(error)}. In the shop's back office (Settings → API) check the token is active and made for partner Koppel.`
        : field === TARGET_PARTNER_TOKEN_FIELD
          ? `Mijnwebwinkel does not accept Koppel's partner token for this API token: ${reason(error)}.`
          : `Mijnwebwinkel could not be reached: ${reason(error)}. Check the API URL, or try again later.`;
    return [
      { subject: field ?? TARGET_API_TOKEN_FIELD, ok: false, message: tokens },
      {
        subject: TARGET_ORDER_STATUS_FIELD,
        ok: false,
        message: 'The order status could not be checked while the shop cannot be read.',
      },
    ];
  }
  const parsed = orderStatusesSchema.safeParse(answer);
  const wanted = session.settings.orderStatus;
  const known = parsed.success ? parsed.data.find((status) => status.status === wanted) : undefined;
  return [
    { subject: TARGET_API_TOKEN_FIELD, ok: true, message: 'The API token opens the shop.' },
    { subject: TARGET_PARTNER_TOKEN_FIELD, ok: true, message: 'The partner token matches the API token.' },
    known
      ? {
          subject: TARGET_ORDER_STATUS_FIELD,
          ok: true,
          message: `Till orders get the shop's status ${wanted} (${known.description ?? 'no name'}).`,
        }
      : {
          subject: TARGET_ORDER_STATUS_FIELD,
          ok: false,
          message: `The shop has no order status ${wanted}; choose one of its statuses (Settings → Order statuses).`,
        },
  ];
}
