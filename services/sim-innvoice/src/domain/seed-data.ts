import type { InnvoiceSeedInput } from './seed-schema.js';

/**
 * Default sandbox: one company account `koppeldemo` (registration name = API user, as INV-SEED
 * does), an invoice pad and a proforma pad, retail and wholesale price groups, two warehouses and
 * a few products priced in forint.
 */
export const DEFAULT_COMPANY = Object.freeze({
  name: 'koppeldemo',
  username: 'koppeldemo',
  password: 'innvoice-demo-pass',
});

export const DEFAULT_SEED: InnvoiceSeedInput = {
  companies: [
    {
      ...DEFAULT_COMPANY,
      displayName: 'Koppel Demo Kft.',
      pads: [
        { id: 1, name: 'Webshop számlák', prefix: 'WEB' },
        { id: 2, name: 'Díjbekérők', prefix: 'DB' },
      ],
      priceGroups: [
        { id: 1, name: 'Kisker (bruttó)' },
        { id: 2, name: 'Nagyker (nettó)' },
      ],
      warehouses: [
        { id: 1, name: 'Központi raktár' },
        { id: 2, name: 'Bolt' },
      ],
      products: [
        {
          sku: 'TSHIRT-BLK-M',
          name: 'Póló fekete M',
          ean: '5999000000011',
          productGroup: 'Ruházat',
          prices: [
            { priceGroupId: 1, amount: 7990 },
            { priceGroupId: 2, amount: 5000 },
          ],
          stock: [
            { warehouseId: 1, quantity: 25 },
            { warehouseId: 2, quantity: 3 },
          ],
        },
        {
          sku: 'MUG-001',
          name: 'Bögre logóval',
          ean: '5999000000028',
          productGroup: 'Ajándék',
          prices: [{ priceGroupId: 1, amount: 2990 }],
          stock: [{ warehouseId: 1, quantity: 0 }],
        },
        {
          sku: 'BOOK-HU-01',
          name: 'Szakácskönyv',
          vatLabel: '5%',
          productGroup: 'Könyv',
          prices: [{ priceGroupId: 1, amount: 4990 }],
          stock: [{ warehouseId: 1, quantity: 12 }],
        },
      ],
    },
  ],
};
