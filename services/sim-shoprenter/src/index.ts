export { buildShoprenterSimulator, type ShoprenterSimulator } from './app.js';
export type {
  ChangedStatus,
  ControlHandles,
  CreatedOrder,
  CreateOrderInput,
  DeliverySummary,
  SeedProductInput,
} from './control/control-handles.js';
export type { SimulatorState, WebhookDelivery, WebhookEvent } from './domain/state.js';
export type { ResolvedOptions, ShoprenterSimulatorOptions } from './options.js';
