import type { StockSettingsInput } from '@koppel/stock-sync';
import type { DataFolder } from '../data-folder.js';
import type { DemoSimulators, SimulatorName } from './simulators.js';

/** What a demo's setup may use: the running simulators and where Koppel's ingest listens. */
export type DemoContext = {
  sims: DemoSimulators;
  urls: Readonly<Record<SimulatorName, string>>;
  ingestUrl: string;
  data: DataFolder;
  /** Seconds between polls of a polled shop (KOPPEL_DEMO_POLL_SECONDS). */
  pollSeconds: number;
};

/** The connection row of a demo, as the admin API would take it (settings validated by the connectors). */
export type DemoConnectionSpec = {
  name: string;
  sourceSystem: string;
  targetSystem: string;
  sourceSettings: Record<string, unknown>;
  sourceCredentials: Record<string, unknown>;
  settings: Record<string, unknown>;
  credentials: Record<string, unknown>;
};

/**
 * One order as the source simulator's control API places it (plain HTTP, so the `npm run demo`
 * script and the tests use it the same way): the path, the body for a shopper's e-mail, and the
 * external order id Koppel files the order under (the journey's key in the admin API).
 */
export type SampleOrder = {
  path: string;
  body(email: string): Record<string, unknown>;
  externalOrderId(answer: unknown): string;
};

/** A ready demo connection of `npm start`: from one shop simulator to one target simulator. */
export type DemoDefinition = {
  id: string;
  /** e.g. "Shoprenter (HU, HUF) → InnVoice". */
  title: string;
  source: SimulatorName;
  target: SimulatorName;
  /** The connection, created once (a restart keeps it). */
  connection(ctx: DemoContext): Promise<DemoConnectionSpec> | DemoConnectionSpec;
  /** Runs on every start, idempotent: webhooks, articles the demo's orders need. */
  prepare?(ctx: DemoContext, connectionId: string): Promise<void>;
  sampleOrder: SampleOrder;
  /**
   * Stock settings the demo connection starts with (`connections.sync_settings.stock`), set once
   * by `ensureDemoStockSettings` while the connection has none; absent: stock stays off.
   */
  stock?: StockSettingsInput;
};
