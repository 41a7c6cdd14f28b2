// Tracing first: it must patch kafkajs, pg and http before anything imports them.
import { tracing } from '@koppel/telemetry/register';
import { asperionConnector } from '@koppel/connector-asperion';
import { runTargetConnector } from '@koppel/service-kit';

await runTargetConnector(asperionConnector, { tracing });
