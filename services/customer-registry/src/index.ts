/** Public entry of the customer registry, for the embedded one-process mode and tests. */
export { type CustomerRegistryDeps, startCustomerRegistry } from './app.js';
export {
  type CustomerProfile,
  classifyCustomer,
  normalizeCustomerEmail,
} from './domain/classify-customer.js';
