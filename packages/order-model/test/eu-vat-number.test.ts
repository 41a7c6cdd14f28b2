import t from 'tap';
import { normalizeVatNumber, reverseChargeVatNumber } from '../src/index.js';

t.test('normalizeVatNumber drops spaces, dots and dashes and upper-cases', async (t) => {
  t.equal(normalizeVatNumber('de 123.456-789'), 'DE123456789');
});

t.test('reverseChargeVatNumber: EU B2B to another member state at 0 %', async (t) => {
  t.equal(reverseChargeVatNumber('be 0123.456.789', 'BE', 'NL', [0, 0]), 'BE0123456789');
  // Greece's VAT numbers carry EL, not GR.
  t.equal(reverseChargeVatNumber('EL123456789', 'GR', 'NL', [0]), 'EL123456789');
  t.equal(reverseChargeVatNumber('GR123456789', 'GR', 'NL', [0]), undefined);
});

t.test('reverseChargeVatNumber: anything else is no reverse charge', async (t) => {
  t.equal(reverseChargeVatNumber('NL001234567B01', 'NL', 'NL', [0]), undefined, 'home country');
  t.equal(reverseChargeVatNumber('CH123456789', 'CH', 'NL', [0]), undefined, 'not an EU state');
  t.equal(reverseChargeVatNumber('DE123456789', 'BE', 'NL', [0]), undefined, "another state's number");
  t.equal(reverseChargeVatNumber('BE1', 'BE', 'NL', [0]), undefined, 'too short');
  t.equal(reverseChargeVatNumber('BE0123456789', 'BE', 'NL', [0, 2100]), undefined, 'a line with VAT');
});
