// Tracing first: it must patch kafkajs, pg and http before anything imports them.
import { tracing } from '@koppel/telemetry/register';
import { mplusConnector } from '@koppel/connector-mplus';
import { runTargetConnector } from '@koppel/service-kit';

await runTargetConnector(mplusConnector, { tracing });
