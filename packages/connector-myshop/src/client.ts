/**
 * The myShop merchant order pull, as the order-management manual describes it ("Extern ophalen
 * orders (order pull)"): step 1 `GET <rpc>/id?shop=` answers an rpc id, valid for at most two
 * minutes; step 2 `GET <rpc>/orders/list?shop=&pk=&change_time=&rpc_id=` answers the export XML
 * of every order created or changed since `change_time`. A fresh rpc id is fetched right before
 * each call, as the vendor's own client does, so it is never near its two minutes.
 * The RPC refuses with HTTP 200 and a body saying "invalid request" (the vendor client's own
 * test) and never says why: a stale rpc id, a wrong pk (private key), order pull switched off
 * or a client address the shop does not allow. So a refusal is answered by one fresh handshake;
 * a second refusal is the credentials. README.md "Vendor facts" and "Errors".
 */
import { classifyResponse, describeFetchFailure, type SessionServices } from '@koppel/connector-sdk';
import { XMLParser } from 'fast-xml-parser';
import { INVALID_REQUEST_TEXT } from './assumed-fields.js';
import { myshopErrors } from './errors.js';
import { ordersListPk } from './pk.js';
import {
  type MyshopCredentials,
  type MyshopSettings,
  PRIVATE_KEY_FIELD,
  rpcBaseUrlOf,
  SHOP_NUMBER_FIELD,
} from './settings.js';

/** Handshakes per call: the first, and one fresh one after a refusal. */
export const HANDSHAKES_PER_CALL = 2;
/** No Retry-After on a 429: wait this long (the RPC documents no limit). */
const DEFAULT_RETRY_AFTER_SECONDS = 1;
const RPC_ID = /^[A-Za-z0-9]{1,64}$/;

export type MyshopClient = {
  /** Step 1: a fresh rpc id (the check's first step). */
  rpcId(): Promise<string>;
  /** Step 2 with its own handshake: the export XML of the orders changed since `changeTime`. */
  ordersSince(changeTime: string): Promise<string>;
};

const idParser = new XMLParser({ ignoreDeclaration: true, parseTagValue: false, trimValues: true });

/** The bare id (the manual), or the text of the root's first child (the older vendor client). */
export function readRpcId(body: string): string | undefined {
  const text = body.replace(/^\uFEFF/, '').trim();
  if (RPC_ID.test(text)) return text;
  if (!text.startsWith('<')) return undefined;
  try {
    const root = Object.values(idParser.parse(text) as Record<string, unknown>)[0];
    const first = typeof root === 'object' && root !== null ? Object.values(root)[0] : undefined;
    return typeof first === 'string' && RPC_ID.test(first) ? first : undefined;
  } catch {
    return undefined;
  }
}

export function isRefusal(body: string): boolean {
  return body.toLowerCase().includes(INVALID_REQUEST_TEXT);
}

export function createMyshopClient(
  settings: MyshopSettings,
  credentials: MyshopCredentials,
  services: SessionServices,
): MyshopClient {
  const base = rpcBaseUrlOf(settings);
  const shop = settings.shopNumber;

  /** One GET; the body text of a 2xx, else the AppError its status calls for. */
  async function get(path: string, query: Record<string, string>): Promise<string> {
    const url = `${base}${path}?${new URLSearchParams(query).toString()}`;
    let response: Response;
    try {
      response = await services.fetch(url, { signal: AbortSignal.timeout(services.requestTimeoutMs) });
    } catch (cause) {
      const reason = describeFetchFailure(cause, services.requestTimeoutMs).reason;
      throw myshopErrors.unavailable(`myShop did not answer ${path}: ${reason}`, cause);
    }
    const body = await response.text().catch(() => '');
    const { status, kind, retryAfterSeconds } = classifyResponse(response, services.now());
    if (kind === 'ok') return body;
    if (kind === 'rate-limited')
      throw myshopErrors.rateLimited(retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS);
    if (kind === 'unavailable') throw myshopErrors.unavailable(`myShop answered ${status} to ${path}`);
    // 401/403 too: the RPC refuses credentials in-band ("invalid request", handled below), so an
    // HTTP refusal is not known to mean the private key and stays a plain rejection.
    throw myshopErrors.rejected(`myShop answered ${status} to ${path}: ${body.slice(0, 200)}`, status);
  }

  async function rpcId(): Promise<string> {
    const body = await get('/id', { shop });
    const id = readRpcId(body);
    if (id !== undefined) return id;
    if (isRefusal(body)) {
      throw myshopErrors.authFailed(
        `myShop does not know shop number ${shop} (it refused to hand out an rpc id): check the shop number`,
        SHOP_NUMBER_FIELD,
      );
    }
    throw myshopErrors.badResponse(`myShop's /id answer holds no rpc id: ${body.slice(0, 100)}`);
  }

  async function ordersSince(changeTime: string): Promise<string> {
    for (let handshake = 1; ; handshake += 1) {
      const id = await rpcId();
      const pk = ordersListPk(shop, changeTime, id, credentials.privateKey);
      const body = await get('/orders/list', { shop, pk, change_time: changeTime, rpc_id: id });
      if (!isRefusal(body)) return body;
      if (handshake >= HANDSHAKES_PER_CALL) {
        throw myshopErrors.authFailed(
          `myShop refused the order pull of shop ${shop} twice, each time with a fresh rpc id: the private key is wrong, order pull is switched off in the back office, or the shop's IP allowlist does not include Koppel's outbound address`,
          PRIVATE_KEY_FIELD,
        );
      }
    }
  }

  return { rpcId, ordersSince };
}
