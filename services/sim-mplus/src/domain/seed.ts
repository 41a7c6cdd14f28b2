import { ASSUMPTIONS } from './assumptions.js';
import type { SimulatorState } from './model.js';

/**
 * A new tenant: one branch (1, with workplace 1) and a second one (2, workplaces 1-2) to exercise
 * the workplace rule, the super user 999999, NL VAT groups per branch (notes §5: 21/9/0; the
 * code numbers are tenant data, these are this sim's) and the delivery method seen in MP-LEGACY.
 */
export function createInitialState(): SimulatorState {
  const vat = (branchNumber: number) => [
    { branchNumber, vatCode: 1, vatPercentage: 9, accountNumber: '1510' },
    { branchNumber, vatCode: 2, vatPercentage: 21, accountNumber: '1520' },
    { branchNumber, vatCode: 3, vatPercentage: 0, accountNumber: '1530' },
  ];
  return {
    relations: [],
    products: [],
    branches: [
      {
        branchNumber: ASSUMPTIONS.defaultBranchNumber,
        name: 'Winkel Utrecht',
        countryIso3: 'NLD',
        countryCode: 'NL',
        workplaces: [1],
      },
      {
        branchNumber: 2,
        name: 'Webshop magazijn',
        countryIso3: 'NLD',
        countryCode: 'NL',
        workplaces: [1, 2],
      },
    ],
    employees: [{ employeeNumber: ASSUMPTIONS.superUserEmployeeNumber, name: 'Super user' }],
    vatGroups: [...vat(1), ...vat(2)],
    deliveryMethods: [
      { code: 'BEZORGEN_MET_AUTO', description: 'Bezorgen met auto' },
      { code: 'AFHALEN', description: 'Afhalen in winkel' },
    ],
    stock: {},
    stockHistory: [],
    orders: [],
    invoices: [],
    counters: { syncMarker: 0, stockId: 0, orderNumbers: {}, lineId: 0 },
  };
}
