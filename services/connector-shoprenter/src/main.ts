// Tracing first: it instruments the modules imported after it.
import { tracing } from '@koppel/telemetry/register';
import { shoprenterConnector } from '@koppel/connector-shoprenter';
import { runSourcePoller } from '@koppel/service-kit';

await runSourcePoller(shoprenterConnector, { tracing });
