export type DemoOrderOptions = {
  email: string;
  company?: string;
  taxNumber?: string;
  firstname?: string;
  lastname?: string;
  lines?: { sku: string; name: string; netPrice: string; taxRate: string; quantity: number }[];
};

/** A Dutch customer's order as the Shoprenter simulator's control API takes it. */
export function demoOrder(options: DemoOrderOptions) {
  return {
    customer: {
      firstname: options.firstname ?? 'Anna',
      lastname: options.lastname ?? 'de Vries',
      email: options.email,
      phone: '+31201234567',
    },
    company: options.company ?? '',
    taxNumber: options.taxNumber ?? '',
    billingAddress: {
      address1: 'Kerkstraat 12a',
      city: 'Utrecht',
      postcode: '3511 AB',
      countryName: 'Netherlands',
      countryCode: 'NL',
    },
    lines: options.lines ?? [
      { sku: 'MUG-01', name: 'Mug', netPrice: '12.40', taxRate: '21', quantity: 2 },
      { sku: 'TEA-01', name: 'Tea', netPrice: '4.95', taxRate: '9', quantity: 3 },
    ],
    shipping: { name: 'PostNL', extension: 'WSESHIP', netPrice: '4.13', taxRate: '21' },
    payment: { name: 'iDEAL', code: 'BANK_TRANSFER', netPrice: '0', taxRate: '21' },
    currency: 'EUR',
  };
}
