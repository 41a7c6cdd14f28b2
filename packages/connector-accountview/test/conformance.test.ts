/** The shared target conformance suite, run against the AccountView simulator. */
import type { AnyTargetConnector } from '@koppel/connector-sdk';
import { runTargetConformance } from '@koppel/connector-sdk/testing';
import { ACCOUNTVIEW_DEFAULT_COMPANY } from '@koppel/sim-accountview';
import t from 'tap';
import { accountviewConnector } from '../src/index.js';
import { makeCustomer, makeOrder, makeSettings } from './fixtures/order-fixtures.js';
import { startSimulator } from './fixtures/simulator-harness.js';

let next = 0;

/**
 * The suite's connection store records `saveCredentials` but not what a `withCredentialsLock`
 * hands back as `save` (connector-sdk `target-conformance.ts` `open()`), and AccountView spends a
 * refresh token on every refresh. Until the suite records lock saves, this adapter forwards them,
 * so the next session opens with the rotated token as the runner's store would give it.
 */
const connector: AnyTargetConnector = {
  ...(accountviewConnector as unknown as AnyTargetConnector),
  openSession: (context, services) =>
    accountviewConnector.openSession(context as Parameters<typeof accountviewConnector.openSession>[0], {
      ...services,
      withCredentialsLock: (work) =>
        services.withCredentialsLock(async (stored) => {
          const outcome = await work(stored);
          if (outcome.save) await services.saveCredentials(outcome.save);
          return outcome;
        }),
    }),
};

await runTargetConformance(t, {
  connector,
  async start() {
    const av = await startSimulator({ permissive: true });
    return {
      settings: makeSettings({ apiBaseUrl: av.apiBaseUrl, companyId: ACCOUNTVIEW_DEFAULT_COMPANY.Id }),
      credentials: av.credentials,
      wrongCredentials: { clientSecret: 'not-the-secret' },
      close: av.close,
    };
  },
  order() {
    next += 1;
    const order = makeOrder({ orderNumber: `C-${next}`, email: `conformance-${next}@example.nl` });
    return { order, customer: makeCustomer(order) };
  },
});
