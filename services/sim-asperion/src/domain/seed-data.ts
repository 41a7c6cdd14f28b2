import type { AsperionSeedInput } from './seed-schema.js';

/**
 * The default sandbox: one administration (id 12345, as in the notes' example header), Dutch VAT
 * codes and revenue accounts a webshop needs, sales journal "VK", common payment conditions and a
 * few articles. Ids are plausible, not Asperion's real ones: the notes say VAT code ids are
 * administration-specific and must be read from `/v1/vatcodes` (§1.6).
 */
export const DEFAULT_ADMINISTRATION_ID = 12345;
export const DEFAULT_CLIENT = Object.freeze({
  clientId: 'koppel-dev',
  clientSecret: 'koppel-dev-secret',
  redirectUris: [
    'http://127.0.0.1:4000/oauth/asperion/callback',
    'http://localhost:4000/oauth/asperion/callback',
  ],
});
export const DEFAULT_USER_ID = 'user-demo';

export const DEFAULT_SEED: AsperionSeedInput = {
  administrations: [
    {
      id: DEFAULT_ADMINISTRATION_ID,
      name: 'Koppel Demo BV',
      profileName: 'inTrade',
      telephoneNumber: '+31 30 7600000',
      email: 'administratie@koppel-demo.example',
      vatCodes: [
        {
          id: 'H',
          description: 'Btw hoog 21% verkoop',
          salesCode: true,
          percentage: 21,
          isDefault: true,
          validFrom: '2012-10-01',
        },
        {
          id: 'L',
          description: 'Btw laag 9% verkoop',
          salesCode: true,
          percentage: 9,
          validFrom: '2019-01-01',
        },
        {
          id: 'L6',
          description: 'Btw laag 6% verkoop (t/m 2018)',
          salesCode: true,
          percentage: 6,
          validFrom: '2001-01-01',
          validUntil: '2018-12-31',
        },
        { id: 'N', description: 'Btw 0% verkoop', salesCode: true, percentage: 0 },
        {
          id: 'ICP',
          description: 'Intracommunautaire levering 0% (btw verlegd)',
          salesCode: true,
          percentage: 0,
        },
        { id: 'EX', description: 'Export buiten de EU 0%', salesCode: true, percentage: 0 },
        { id: 'VL', description: 'Btw verlegd binnenland', salesCode: true, percentage: 0 },
        {
          id: 'OSS-DE',
          description: 'OSS Duitsland 19%',
          salesCode: true,
          percentage: 19,
          validFrom: '2021-07-01',
          countryCode: 'DE',
        },
        {
          id: 'OSS-BE',
          description: 'OSS België 21%',
          salesCode: true,
          percentage: 21,
          validFrom: '2021-07-01',
          countryCode: 'BE',
        },
        {
          id: 'IH',
          description: 'Btw hoog 21% inkoop',
          salesCode: false,
          percentage: 21,
          validFrom: '2012-10-01',
        },
        {
          id: 'IL',
          description: 'Btw laag 9% inkoop',
          salesCode: false,
          percentage: 9,
          validFrom: '2019-01-01',
        },
      ],
      ledgerAccounts: [
        { id: 1100, type: 1, description: 'Debiteuren', rcsfi: 'BVorDebHad' },
        { id: 1510, type: 1, description: 'Af te dragen btw hoog', rcsfi: 'BSchBepBtwAfh' },
        { id: 1600, type: 1, description: 'Crediteuren', rcsfi: 'BSchCreHac' },
        { id: 8000, type: 2, description: 'Omzet hoog tarief', vatCode: 'H', rcsfi: 'WOmzNopOlh' },
        { id: 8010, type: 2, description: 'Omzet verzendkosten', vatCode: 'H', rcsfi: 'WOmzNopOdh' },
        { id: 8020, type: 2, description: 'Omzet laag tarief', vatCode: 'L', rcsfi: 'WOmzNopOll' },
        { id: 8030, type: 2, description: 'Omzet 0% / verlegd', vatCode: 'N', rcsfi: 'WOmzNopOvn' },
        {
          id: 8100,
          type: 2,
          description: 'Omzet intracommunautair (ICP)',
          vatCode: 'ICP',
          rcsfi: 'WOmzNopOip',
        },
        { id: 8200, type: 2, description: 'Omzet export buiten EU', vatCode: 'EX', rcsfi: 'WOmzNopOeb' },
        {
          id: 8300,
          type: 2,
          description: 'Omzet OSS (afstandsverkopen EU)',
          vatCode: 'OSS-DE',
          rcsfi: 'WOmzNopOos',
        },
        { id: 8900, type: 2, description: 'Omzet oud (niet meer gebruiken)', vatCode: 'H', disabled: true },
      ],
      journals: [
        { id: 'VK', description: 'Verkoopboek', type: 'Sales' },
        { id: 'IK', description: 'Inkoopboek', type: 'Purchase' },
        { id: 'BNK', description: 'Bank', type: 'Bank' },
        { id: 'MEM', description: 'Memoriaal', type: 'Memorial' },
      ],
      paymentConditions: [
        { id: 1, description: 'Binnen 14 dagen', days: 14 },
        { id: 2, description: 'Binnen 30 dagen', days: 30 },
        { id: 3, description: 'Vooruitbetaald / direct', days: 0 },
      ],
      articles: [
        {
          id: 1,
          code: 'TSHIRT-BLK-M',
          description: 'T-shirt zwart M',
          ean: '8712345000011',
          salesPrice: 20.66,
          vatCode: 'H',
          currentStock: 42,
          reservedStock: 2,
        },
        {
          id: 2,
          code: 'TSHIRT-WHT-L',
          description: 'T-shirt wit L',
          ean: '8712345000028',
          salesPrice: 20.66,
          vatCode: 'H',
          currentStock: 0,
        },
        {
          id: 3,
          code: 'BOOK-COOK-01',
          description: 'Kookboek Hollandse pot',
          ean: '9789012345672',
          salesPrice: 18.35,
          vatCode: 'L',
          currentStock: 7,
          reservedStock: 1,
        },
        {
          id: 4,
          code: 'MUG-OLD',
          description: 'Mok (uit assortiment)',
          salesPrice: 8.26,
          vatCode: 'H',
          activeState: 'Inactive',
          currentStock: 3,
        },
        {
          id: 5,
          code: 'SHIPPING',
          description: 'Verzendkosten',
          unit: 'dienst',
          salesPrice: 4.13,
          vatCode: 'H',
        },
      ],
      debtors: [
        {
          customerNumber: '10001',
          name: 'Jansen BV',
          attentionTo: 'P. Jansen',
          address: 'Kerkstraat 12',
          postCode: '1234 AB',
          city: 'Utrecht',
          countryCode: 'NL',
          emailAddress: 'inkoop@jansen.example',
          vatNumber: 'NL001234567B01',
          paymentConditionId: 2,
        },
        {
          customerNumber: '10002',
          name: 'Petra de Vries',
          address: 'Dorpsweg 3',
          postCode: '9711 AA',
          city: 'Groningen',
          countryCode: 'NL',
          emailAddress: 'petra@devries.example',
          paymentConditionId: 1,
        },
      ],
    },
  ],
  users: [
    {
      id: DEFAULT_USER_ID,
      username: 'demo@koppel.dev',
      administrationIds: [DEFAULT_ADMINISTRATION_ID],
      defaultAdministrationId: DEFAULT_ADMINISTRATION_ID,
    },
  ],
  clients: [{ ...DEFAULT_CLIENT, redirectUris: [...DEFAULT_CLIENT.redirectUris] }],
};
