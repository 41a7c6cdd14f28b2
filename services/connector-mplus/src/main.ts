// Tracing first: it must patch kafkajs, pg and http before anything imports them.
import { tracing } from '@koppel/telemetry/register';
import { mplusConnector, mplusSourceConnector } from '@koppel/connector-mplus';
import { runConnector } from '@koppel/service-kit';

// Both roles of MplusKASSA: shop orders booked at the till, till orders polled for the shops.
await runConnector({ source: mplusSourceConnector, target: mplusConnector }, { tracing });
