import t from 'tap';
import {
  isPlausibleEmail,
  normalizeEmail,
  resolveCountryCode,
  splitStreetAndHouseNumber,
} from '../src/index.js';

t.test('splits street, house number and addition', async (t) => {
  const cases: Array<[string, string, string, string]> = [
    ['Kerkstraat 12a', 'Kerkstraat', '12', 'a'],
    ['Kerkstraat 12 bis', 'Kerkstraat', '12', 'bis'],
    ['Kerkstraat 12-3', 'Kerkstraat', '12', '3'],
    ['Kerkstraat 12 A', 'Kerkstraat', '12', 'A'],
    ['Kerkstraat, 12', 'Kerkstraat', '12', ''],
    ['  Kerkstraat   12  ', 'Kerkstraat', '12', ''],
    ['1e Jan Steenstraat 5', '1e Jan Steenstraat', '5', ''],
    ['Fo utca 1', 'Fo utca', '1', ''],
    ['Fő utca 1.', 'Fő utca', '1', ''],
    ['Váci út 12/B', 'Váci út', '12', 'B'],
    ['Fő utca 1. 2. em. 3.', 'Fő utca', '1', '2. em. 3.'],
    ['12 rue de la Paix', 'rue de la Paix', '12', ''],
    ['Postbus', 'Postbus', '', ''],
    ['', '', '', ''],
  ];
  for (const [line, street, houseNumber, addition] of cases) {
    t.same(splitStreetAndHouseNumber(line), { street, houseNumber, addition }, line);
  }
});

t.test('normalises e-mail addresses for matching', async (t) => {
  t.equal(normalizeEmail('  Jan.deVries@Example.NL '), 'jan.devries@example.nl');
  t.equal(normalizeEmail('mailto:A@B.HU'), 'a@b.hu');
  t.equal(normalizeEmail('<anna@example.hu>'), 'anna@example.hu');
  t.ok(isPlausibleEmail('anna@example.hu'));
  for (const bad of [
    '',
    'anna',
    'anna@',
    'anna@example',
    'an na@example.hu',
    'a@b@c.hu',
    'an\u0000na@example.hu',
  ]) {
    t.notOk(isPlausibleEmail(bad), bad);
  }
});

t.test('resolves country names in English, Dutch, Hungarian and native forms', async (t) => {
  const cases: Array<[string, string]> = [
    ['Hungary', 'HU'],
    ['Magyarország', 'HU'],
    ['magyarorszag', 'HU'],
    ['Hongarije', 'HU'],
    ['Nederland', 'NL'],
    ['Netherlands', 'NL'],
    ['The Netherlands', 'NL'],
    ['Hollandia', 'NL'],
    ['Németország', 'DE'],
    ['Duitsland', 'DE'],
    ['België', 'BE'],
    ['Belgie', 'BE'],
    ['Ausztria', 'AT'],
    ['Szlovákia', 'SK'],
    ['Románia', 'RO'],
    ['Horvátország', 'HR'],
    ['Czech Republic', 'CZ'],
    ['Egyesült Királyság', 'GB'],
    ['hu', 'HU'],
    [' NL ', 'NL'],
  ];
  for (const [name, code] of cases) t.equal(resolveCountryCode(name), code, name);
  t.equal(resolveCountryCode('Atlantis'), undefined);
  t.equal(resolveCountryCode('XX'), undefined);
  t.equal(resolveCountryCode(''), undefined);
});

t.test('every EU member state resolves from its English, Dutch and Hungarian name', async (t) => {
  const eu: Array<[string, string, string, string]> = [
    ['AT', 'Austria', 'Oostenrijk', 'Ausztria'],
    ['BE', 'Belgium', 'België', 'Belgium'],
    ['BG', 'Bulgaria', 'Bulgarije', 'Bulgária'],
    ['HR', 'Croatia', 'Kroatië', 'Horvátország'],
    ['CY', 'Cyprus', 'Cyprus', 'Ciprus'],
    ['CZ', 'Czechia', 'Tsjechië', 'Csehország'],
    ['DK', 'Denmark', 'Denemarken', 'Dánia'],
    ['EE', 'Estonia', 'Estland', 'Észtország'],
    ['FI', 'Finland', 'Finland', 'Finnország'],
    ['FR', 'France', 'Frankrijk', 'Franciaország'],
    ['DE', 'Germany', 'Duitsland', 'Németország'],
    ['GR', 'Greece', 'Griekenland', 'Görögország'],
    ['HU', 'Hungary', 'Hongarije', 'Magyarország'],
    ['IE', 'Ireland', 'Ierland', 'Írország'],
    ['IT', 'Italy', 'Italië', 'Olaszország'],
    ['LV', 'Latvia', 'Letland', 'Lettország'],
    ['LT', 'Lithuania', 'Litouwen', 'Litvánia'],
    ['LU', 'Luxembourg', 'Luxemburg', 'Luxemburg'],
    ['MT', 'Malta', 'Malta', 'Málta'],
    ['NL', 'Netherlands', 'Nederland', 'Hollandia'],
    ['PL', 'Poland', 'Polen', 'Lengyelország'],
    ['PT', 'Portugal', 'Portugal', 'Portugália'],
    ['RO', 'Romania', 'Roemenië', 'Románia'],
    ['SK', 'Slovakia', 'Slowakije', 'Szlovákia'],
    ['SI', 'Slovenia', 'Slovenië', 'Szlovénia'],
    ['ES', 'Spain', 'Spanje', 'Spanyolország'],
    ['SE', 'Sweden', 'Zweden', 'Svédország'],
  ];
  t.equal(eu.length, 27);
  for (const [code, ...names] of eu) {
    for (const name of names) t.equal(resolveCountryCode(name), code, `${name} → ${code}`);
  }
});
