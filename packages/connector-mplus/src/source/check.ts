/**
 * The source connection check: the host and ident/secret (`getApiVersion`), then `getOrders`
 * itself (one order), in words a shop owner understands.
 */
import type { CheckFinding } from '@koppel/connector-sdk';
import { toAppError } from '@koppel/errors';
import { apiVersionResponse } from '../api-schemas.js';
import { getOrdersResponse } from './api-schemas.js';
import type { MplusSourceSession } from './poll-till-orders.js';

export async function checkMplusSource(session: MplusSourceSession): Promise<CheckFinding[]> {
  try {
    await session.client.call('getApiVersion', {}, apiVersionResponse, 'version check');
  } catch (caught) {
    const error = toAppError(caught);
    if (error.code === 'TARGET_AUTH_FAILED') {
      return [
        {
          subject: 'source.credentials.secret',
          ok: false,
          message:
            'Mplus does not accept this ident and secret. Enter them exactly as Mplus support sent them.',
        },
      ];
    }
    return [
      {
        subject: 'source.settings.apiUrl',
        ok: false,
        message: `Koppel could not reach Mplus at ${session.settings.apiUrl} (${error.message}). Check the address and port of your personal Mplus API.`,
      },
    ];
  }
  const findings: CheckFinding[] = [
    { subject: 'source.credentials.secret', ok: true, message: 'Mplus accepts the ident and secret.' },
  ];
  try {
    await session.client.call(
      'getOrders',
      { request: { syncMarker: 0, syncMarkerLimit: 1 } },
      getOrdersResponse,
      'getOrders',
    );
    findings.push({
      subject: 'source.settings.apiUrl',
      ok: true,
      message: 'Koppel can read the orders taken at the till.',
    });
  } catch (caught) {
    findings.push({
      subject: 'source.settings.apiUrl',
      ok: false,
      message: `Mplus refused to list the till orders (${toAppError(caught).message}); ask Mplus support to allow getOrders for this ident.`,
    });
  }
  return findings;
}
