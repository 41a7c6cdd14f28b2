// Tracing first: it instruments the modules imported after it.
import { tracing } from '@koppel/telemetry/register';
import { mijnwebwinkelConnector, mijnwebwinkelTargetConnector } from '@koppel/connector-mijnwebwinkel';
import { runConnector } from '@koppel/service-kit';

// Both roles: the shop's orders polled (source) and orders taken elsewhere, e.g. at the
// MplusKASSA till, booked as shop orders with POST /orders (target).
await runConnector({ source: mijnwebwinkelConnector, target: mijnwebwinkelTargetConnector }, { tracing });
