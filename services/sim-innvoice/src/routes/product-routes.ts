import type { FastifyInstance } from 'fastify';
import { formatDecimal } from '../domain/amounts.js';
import { el, group } from '../xml/xml-writer.js';
import { companyOf } from './company-auth.js';
import { sendXml } from './xml-reply.js';

/**
 * `GET /{company}/product` (notes §4.5, INV-SEED): `Nev`, `CikkSzam`, `EAN`, `Arak` with
 * `Arcsoport_Ar`, `Keszletek/Keszlet` with `Raktar_Keszlet`. Price group and warehouse ids/names
 * inside are [I]. Optional `?CikkSzam=` exact filter [I].
 */
const trimZeros = (s: string) => s.replace(/\.?0+$/, '') || '0';

export async function productRoutes(app: FastifyInstance) {
  app.get<{ Querystring: { CikkSzam?: string } }>('/product', async (request, reply) => {
    const company = companyOf(request);
    const sku = typeof request.query.CikkSzam === 'string' ? request.query.CikkSzam : undefined;
    const products = company.products.filter((p) => sku === undefined || p.sku === sku);
    return sendXml(
      reply,
      group(
        'response',
        products.map((p) =>
          group('product', [
            el('Nev', p.name, true),
            el('CikkSzam', p.sku),
            el('EAN', p.ean),
            el('MennyisegEgyseg', p.unit),
            el('AfaSzoveg', p.vatLabel),
            el('Termekcsoport', p.productGroup, true),
            group(
              'Arak',
              p.prices.map((price) =>
                group('Ar', [
                  el('ArcsoportID', String(price.priceGroupId)),
                  el(
                    'ArcsoportNev',
                    company.priceGroups.find((g) => g.id === price.priceGroupId)?.name ?? '',
                    true,
                  ),
                  el('Arcsoport_Ar', trimZeros(formatDecimal(price.amount, 2))),
                ]),
              ),
            ),
            group(
              'Keszletek',
              p.stock.map((s) =>
                group('Keszlet', [
                  el('RaktarID', String(s.warehouseId)),
                  el('RaktarNev', company.warehouses.find((w) => w.id === s.warehouseId)?.name ?? '', true),
                  el('Raktar_Keszlet', trimZeros(formatDecimal(s.quantity, 3))),
                ]),
              ),
            ),
          ]),
        ),
      ),
    );
  });
}
