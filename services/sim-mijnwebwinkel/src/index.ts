/** Simulator of the Mijnwebwinkel / MyOnlineStore Connect API (see README). */
export { buildMijnwebwinkelSimulator, type MijnwebwinkelSimulator } from './app.js';
export type { CreateArticleInput, PatchArticleInput } from './domain/article-input-schema.js';
export type { Article } from './domain/article-schema.js';
export type { CreateOrderInput } from './domain/order-input-schema.js';
export { type Order, orderSchema } from './domain/order-schema.js';
export type { SimulatorState, StoreToken } from './domain/state.js';
export type { MijnwebwinkelSimulatorOptions } from './options.js';
