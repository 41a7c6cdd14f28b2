// Tracing first: it must patch kafkajs, pg and http before anything imports them.
import { tracing } from '@koppel/telemetry/register';
import { accountviewConnector } from '@koppel/connector-accountview';
import { runTargetConnector } from '@koppel/service-kit';

await runTargetConnector(accountviewConnector, { tracing });
