/**
 * The connection check, one finding per credential: the shop number (myShop hands out an rpc
 * id only for a shop it knows), then the private key (a signed order pull of today's orders).
 * Both answers explain the shop's IP allowlist: when the merchant entered an IP address under
 * order pull, myShop answers only requests from that address, so it must be Koppel's outbound
 * address. The RPC does not tell a wrong key from a refused address (README "Errors").
 */
import type { CheckFinding } from '@koppel/connector-sdk';
import { isAppError } from '@koppel/errors';
import type { MyshopSession } from './poll-orders.js';
import { PRIVATE_KEY_FIELD, SHOP_NUMBER_FIELD } from './settings.js';
import { toChangeTime } from './shop-time.js';

export const IP_ALLOWLIST_NOTE =
  "If an IP address is filled in under order management → order pull (Extern ophalen orders) in the myShop back office, myShop answers only requests from that address: it must be Koppel's outbound address, or the field must be empty.";

function reason(error: unknown): string {
  return isAppError(error) || error instanceof Error ? error.message : String(error);
}

export async function checkMyshop(session: MyshopSession): Promise<CheckFinding[]> {
  const shop = session.settings.shopNumber;
  try {
    await session.client.rpcId();
  } catch (error) {
    return [
      {
        subject: SHOP_NUMBER_FIELD,
        ok: false,
        message: `myShop did not hand out an rpc id for shop ${shop}: ${reason(error)}.`,
      },
    ];
  }
  const findings: CheckFinding[] = [
    { subject: SHOP_NUMBER_FIELD, ok: true, message: `myShop knows shop ${shop} and hands out rpc ids.` },
  ];
  try {
    await session.client.ordersSince(toChangeTime(new Date()));
    findings.push({
      subject: PRIVATE_KEY_FIELD,
      ok: true,
      message: `The private key signs the order pull of shop ${shop}, and myShop answers it from Koppel's address. ${IP_ALLOWLIST_NOTE}`,
    });
  } catch (error) {
    const credentials = isAppError(error) && error.code === 'SOURCE_AUTH_FAILED';
    findings.push({
      subject: PRIVATE_KEY_FIELD,
      ok: false,
      message: credentials
        ? `myShop refused the order pull of shop ${shop}. Check that order pull is switched on and that the private key is the one in the back office. ${IP_ALLOWLIST_NOTE}`
        : `The order pull of shop ${shop} could not be tried: ${reason(error)}.`,
    });
  }
  return findings;
}
