// Tracing first: it must patch kafkajs, pg and http before anything imports them.
import { tracing } from '@koppel/telemetry/register';
import { innvoiceConnector } from '@koppel/connector-innvoice';
import { runTargetConnector } from '@koppel/service-kit';

await runTargetConnector(innvoiceConnector, { tracing });
