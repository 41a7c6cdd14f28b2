// Tracing first: it instruments the modules imported after it.
import { tracing } from '@koppel/telemetry/register';
import { mijnwebwinkelConnector } from '@koppel/connector-mijnwebwinkel';
import { runConnector } from '@koppel/service-kit';

// The source poller; the target role (till orders → POST /orders) joins here once it exists.
await runConnector({ source: mijnwebwinkelConnector }, { tracing });
