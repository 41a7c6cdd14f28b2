import t from 'tap';
import type { Article } from '../../src/domain/model.js';
import { priceLine } from '../../src/domain/order-pricing.js';
import type { LineInput } from '../../src/soap/request-schemas.js';

const article: Article = {
  articleNumber: 100234,
  description: 'T-shirt',
  active: true,
  webshop: true,
  stockArticle: true,
  vatCode: 2,
  price: 2500,
  discontinued: false,
};
const line = (data: LineInput['data']): LineInput => ({ articleNumber: 100234, data });

t.test('INCLUSIVE: sent price is incl. VAT; excl. per line, half-up', async (t) => {
  t.same(priceLine(line({ quantity: 2, price: 2500 }), article, 21, 'VAT-METHOD-INCLUSIVE'), {
    price: 2500,
    priceExcl: 2066,
    lineTotalIncl: 5000,
    lineTotalExcl: 4132,
  });
  t.same(
    priceLine(line({ quantity: 1 }), article, 21, 'VAT-METHOD-INCLUSIVE'),
    { price: 2500, priceExcl: 2066, lineTotalIncl: 2500, lineTotalExcl: 2066 },
    'article price when none is sent',
  );
  t.match(
    priceLine(line({ quantity: 1, priceExcl: 1000 }), article, 21, 'VAT-METHOD-INCLUSIVE'),
    { price: 1210, priceExcl: 1000 },
    'price computed from priceExcl when not set (WSDL doc string)',
  );
});

t.test('EXCLUSIVE: sent price is excl.; decimal quantities', async (t) => {
  t.same(
    priceLine(line({ quantity: 125, decimalPlaces: 2, price: 1000 }), article, 9, 'VAT-METHOD-EXCLUSIVE'),
    {
      price: 1090,
      priceExcl: 1000,
      lineTotalIncl: 1363,
      lineTotalExcl: 1250,
    },
  );
});

t.test('SHIFTED and NONE charge no VAT', async (t) => {
  for (const method of ['VAT-METHOD-SHIFTED', 'VAT-METHOD-NONE'] as const) {
    t.match(priceLine(line({ quantity: 3, price: 1000 }), article, 21, method), {
      lineTotalIncl: 3000,
      lineTotalExcl: 3000,
    });
  }
});

t.test('discounts: percentage first, then an amount', async (t) => {
  t.match(
    priceLine(
      line({ quantity: 2, price: 2500, discountPercentage: 10, discountAmount: 100 }),
      article,
      21,
      'VAT-METHOD-INCLUSIVE',
    ),
    { lineTotalIncl: 4400, lineTotalExcl: 3636 },
  );
});
