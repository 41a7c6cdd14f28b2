import type { CanonicalOrder, CustomerRef } from '@koppel/contracts';
import type { AnySourceConnector, WebhookInput } from '../source-connector.js';
import type { AnyTargetConnector } from '../target-connector.js';
import type { ProductSinkFixture } from './product-sink-conformance.js';
import type { StockFixture } from './stock-conformance.js';
import type { StockSinkFixture } from './stock-sink-conformance.js';

/** A connection against a running simulator: what the conformance suite opens sessions with. */
export type SimulatedConnection = {
  settings: unknown;
  credentials: unknown;
  /** Credential values that make the connection wrong (e.g. `{clientSecret: "x"}`), merged over the working ones. */
  wrongCredentials: unknown;
  close(): Promise<void>;
  /** For connectors with `stockSource`: the scope to read and an article whose stock can be set. */
  stock?: StockFixture;
};

/** What a target connector's package provides so the shared suite can run against it. */
export type TargetConformanceHarness = {
  connector: AnyTargetConnector;
  /** Starts the connector's simulator and answers a working connection to it. */
  start(): Promise<SimulatedConnection>;
  /** A valid canonical order the target accepts (unique numbers per call) and its customer. */
  order(): { order: CanonicalOrder; customer: CustomerRef };
};

/** A webhook body from the source's documented examples, with what it must give. */
export type WebhookFixture = {
  name: string;
  input: WebhookInput;
  /** `events`: splits into events that each decode; otherwise the AppError code the split or decode throws. */
  expect: 'events' | { errorCode: string };
};

/** What a source connector's package provides so the shared suite can run against it. */
export type SourceConformanceHarness = {
  connector: AnySourceConnector;
  webhookFixtures: WebhookFixture[];
  /** For polled sources: start the simulator, place `orders` orders, answer a connection to it. */
  startPolled?(orders: number): Promise<SimulatedConnection>;
  /** For shops with `stockSink`: start the simulator with articles to set stock on. */
  startStockSink?(): Promise<StockSinkFixture>;
  /** For shops with `productSink`: start the simulator the product sink writes to. */
  startProductSink?(): Promise<ProductSinkFixture>;
};
