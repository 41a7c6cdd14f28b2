/** The pure stock rules: settings, quantities from readings, change detection, holds, the record. */
import { create } from '@bufbuild/protobuf';
import { CanonicalOrderSchema, LineKind, OrderLineSchema, OrderStatus } from '@koppel/contracts';
import t from 'tap';
import {
  computeStockFigures,
  decodeStockUpdate,
  encodeStockUpdate,
  orderHoldOf,
  quantityToPush,
  readStockSettings,
  selectChanged,
  stockSettingsSchema,
  toStockUpdate,
} from '../src/index.js';

const at = (iso: string) => new Date(iso);
const reading = (
  sku: string,
  warehouseId: string,
  onHand: number,
  reserved: number,
  time = '2026-12-01T10:00:00Z',
) => ({
  sku,
  warehouseId,
  onHand,
  reserved,
  sourceTime: at(time),
});

t.test('settings default to off, available, SKU, every warehouse', async (t) => {
  const settings = stockSettingsSchema.parse({});
  t.same(
    { ...settings },
    {
      enabled: false,
      calculation: 'available',
      matchKey: 'sku',
      warehouses: [],
      changeIntervalSeconds: 60,
      fullResyncMinutes: 1440,
      managesStock: true,
      inFlightHoldMinutes: 1440,
    },
  );
  const bad = stockSettingsSchema.safeParse({ calculation: 'guess', warehouses: [''] });
  t.notOk(bad.success);
  t.same(bad.error?.issues.map((issue) => issue.path.join('.')).sort(), ['calculation', 'warehouses.0']);
  t.same(readStockSettings({ products: { direction: 'off' } }), { ok: true, settings });
  t.equal(readStockSettings({ stock: { enabled: 'yes' } }).ok, false);
});

t.test('the chosen warehouses are summed; available is on hand less reserved, floored at zero', async (t) => {
  const readings = [
    reading('A', '1', 5, 1),
    reading('A', '2', 3, 0, '2026-12-01T11:00:00Z'),
    reading('A', '3', 100, 0),
    reading('B', '1', 2, 7),
    reading('C', '', 4.9, 0),
  ];
  const figures = computeStockFigures(readings, { calculation: 'available', warehouses: ['1', '2'] });
  const bySku = new Map(figures.map((f) => [f.sku, f]));
  t.equal(bySku.get('A')?.available, 7, 'warehouses 1 and 2: 5 + 3 − 1');
  t.same(bySku.get('A')?.warehouseIds, ['1', '2']);
  t.equal(bySku.get('A')?.sourceTime.toISOString(), '2026-12-01T11:00:00.000Z', 'latest source time');
  t.equal(bySku.get('B')?.available, 0, 'never negative');
  t.equal(bySku.get('C')?.available, 4, 'whole units; a system without warehouses always counts');
  const onHand = computeStockFigures(readings, { calculation: 'on-hand', warehouses: [] });
  t.equal(onHand.find((f) => f.sku === 'A')?.available, 108, 'on hand, every warehouse');
});

t.test('the pushed quantity takes orders in flight off, never below zero', async (t) => {
  t.equal(quantityToPush(10, 3), 7);
  t.equal(quantityToPush(2, 5), 0);
  t.equal(quantityToPush(4, 0), 4);
});

t.test('only changed quantities are selected, everything in a full resync', async (t) => {
  const figure = (sku: string, quantity: number) => ({
    sku,
    ean: '',
    onHand: quantity,
    reserved: 0,
    available: quantity,
    warehouseIds: [],
    sourceTime: at('2026-12-01T10:00:00Z'),
    quantity,
  });
  const figures = [figure('A', 1), figure('B', 2), figure('C', 3)];
  const last = new Map([
    ['A', 1],
    ['B', 5],
  ]);
  t.same(
    selectChanged(figures, last, false).map((f) => f.sku),
    ['B', 'C'],
  );
  t.equal(selectChanged(figures, last, true).length, 3);
});

t.test('an order holds the units of its product lines; a cancelled one releases', async (t) => {
  const line = (kind: LineKind, sku: string, quantity: number) =>
    create(OrderLineSchema, { kind, sku, quantity });
  const order = create(CanonicalOrderSchema, {
    status: OrderStatus.PROCESSING,
    lines: [
      line(LineKind.PRODUCT, 'A', 2),
      line(LineKind.PRODUCT, 'A', 1),
      line(LineKind.PRODUCT, 'B', 1),
      line(LineKind.SHIPPING, 'SHIP', 1),
      line(LineKind.PRODUCT, '', 4),
    ],
  });
  t.same(orderHoldOf(order), {
    kind: 'hold',
    lines: [
      { sku: 'A', units: 3 },
      { sku: 'B', units: 1 },
    ],
  });
  t.same(orderHoldOf({ ...order, status: OrderStatus.CANCELLED }), { kind: 'release' });
});

t.test('the stock.updated record round-trips with its key', async (t) => {
  const [figure] = computeStockFigures([reading('A', '1', 5, 1)], {
    calculation: 'available',
    warehouses: [],
  });
  if (!figure) throw new Error('no figure');
  const update = toStockUpdate(figure, {
    eventId: 'e1',
    connectionId: 'c1',
    sourceSystem: 'shop',
    targetSystem: 'books',
    calculation: 'available',
    readStartedAt: at('2026-12-01T10:00:01Z'),
    retryUnknown: false,
  });
  const record = encodeStockUpdate(update);
  t.equal(record.key, 'c1:A');
  t.same(decodeStockUpdate(record.value), update);
  t.throws(() => decodeStockUpdate(new Uint8Array([0xff, 0xff])), { code: 'STOCK_EVENT_INVALID' });
  t.throws(() => decodeStockUpdate(new Uint8Array()), {
    code: 'STOCK_EVENT_INVALID',
    field: 'value.connection_id',
  });
});
