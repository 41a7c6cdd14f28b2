/**
 * @koppel/stock-sync: the pure domain of the stock pipeline (settings, quantities from readings,
 * change detection, the never-oversell rule, the `stock.updated` record). See README.md.
 */
export { computeStockFigures, quantityToPush, type StockFigure } from './compute-quantities.js';
export { selectChanged, type StockFigureToSend } from './detect-changes.js';
export { type OrderHold, orderHoldOf } from './order-holds.js';
export {
  decodeStockUpdate,
  encodeStockUpdate,
  type StockUpdate,
  stockKey,
  toStockUpdate,
} from './stock-event.js';
export { type StockErrorCode, stockError, stockErrorCatalogue } from './stock-errors.js';
export {
  defaultStockSettings,
  MAX_HOLD_MINUTES,
  readStockSettings,
  type StockSettings,
  type StockSettingsInput,
  stockActive,
  stockSettingsSchema,
} from './stock-settings.js';
