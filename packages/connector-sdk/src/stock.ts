/**
 * Stock flows the other way from orders: from the books or the till (a connection's target
 * system) back into the shop (the connection's source system). A target connector may offer a
 * `stockSource` capability, a shop connector a `stockSink`; the stock pipeline
 * (`@koppel/stock-sync`, `stock.updated`) sits between them, so neither knows the other.
 */

/** One article's figures in one warehouse (or branch) as the books/POS report them. */
export type StockReading = {
  /** The article code as the shop knows it (SKU); the stock pipeline's key. */
  sku: string;
  /** The article's barcode (EAN/GTIN) when the system has one. */
  ean?: string;
  /** The warehouse/branch the figures are for, as the system names it ('' when it has none). */
  warehouseId: string;
  /** Physically on hand, in whole units (fractions are floored by the connector). */
  onHand: number;
  /** Reserved by open sales orders (0 when the system reports none). */
  reserved: number;
  /** When the system measured these figures (its own change time when it has one, else read time). */
  sourceTime: Date;
};

/** One page of readings and where the next page starts. */
export type StockReadPage = {
  readings: StockReading[];
  /** Where to continue; absent on the last page (a full read) or when caught up (changes). */
  next?: string;
};

/**
 * How the books/POS report stock. `readAll` pages through every article of the connection's
 * chosen warehouses; `readChanges`, where the system has a change feed (Mplus `getStockHistory`
 * with its stock id), reads only articles changed after a marker and returns their current
 * figures. Without `readChanges` the pipeline reads everything and sends only what changed.
 * Errors are AppErrors as everywhere (`retryable` for 5xx, 429, timeouts).
 */
export type StockSourceCapability<Session = unknown> = {
  /**
   * One page of every article's figures in `scope.warehouses` (the connection's stock settings;
   * empty: every warehouse the system has, or its only one). `page` is the previous page's `next`.
   */
  readAll(session: Session, scope: StockScope, page: string | undefined): Promise<StockReadPage>;
  readChanges?: {
    /** The marker of a connection that has never read changes (now: only later changes). */
    initialMarker(session: Session, scope: StockScope): Promise<string>;
    /** Readings of the articles changed after `marker`, and the marker after them in `next`. */
    read(
      session: Session,
      scope: StockScope,
      marker: string,
    ): Promise<{ readings: StockReading[]; next: string; more: boolean }>;
  };
};

/** Which of the system's stock a connection reads: warehouse/branch ids as the system names them. */
export type StockScope = { warehouses: readonly string[] };

/** One quantity to set in the shop. */
export type StockPush = {
  sku: string;
  ean?: string;
  /** The quantity the shop should show as available (never negative). */
  quantity: number;
};

/** What the shop did with one push. */
export type StockPushResult = {
  sku: string;
  /** `updated`: set; `unknown-article`: the shop has no article with this SKU/EAN (recorded, not retried). */
  outcome: 'updated' | 'unknown-article';
};

/**
 * How a shop takes stock. `push` sets each article's quantity, matching on SKU or EAN as the
 * connection says; at most `maxBatchSize` pushes per call (the shop's batch endpoint), and the
 * connector keeps to the shop's documented rate limit itself. A transport failure or 5xx throws
 * a retryable AppError and the whole batch is retried (setting a quantity is idempotent).
 */
export type StockSinkCapability<Session = unknown> = {
  maxBatchSize: number;
  push(session: Session, matchKey: 'sku' | 'ean', pushes: readonly StockPush[]): Promise<StockPushResult[]>;
};
