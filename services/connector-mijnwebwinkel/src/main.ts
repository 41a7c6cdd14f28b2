// Tracing first: it instruments the modules imported after it.
import { tracing } from '@koppel/telemetry/register';
import { mijnwebwinkelConnector } from '@koppel/connector-mijnwebwinkel';
import { runSourcePoller } from '@koppel/service-kit';

await runSourcePoller(mijnwebwinkelConnector, { tracing });
