/**
 * myShop takes stock but no products (README.md "Products (no product sink)"): the connector
 * declares no product sink, so the admin API refuses a books-to-shop product sync for it.
 */
import t from 'tap';
import { myshopConnector } from '../src/index.js';

t.test('myShop has a stock sink and, on purpose, no product sink', async (t) => {
  t.ok(myshopConnector.stockSink, 'stock flows to myShop');
  t.equal(myshopConnector.productSink, undefined, 'no product sink: no documented product call');
});
