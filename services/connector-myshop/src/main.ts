// Tracing first: it instruments the modules imported after it.
import { tracing } from '@koppel/telemetry/register';
import { myshopConnector } from '@koppel/connector-myshop';
import { runSourcePoller } from '@koppel/service-kit';

await runSourcePoller(myshopConnector, { tracing });
