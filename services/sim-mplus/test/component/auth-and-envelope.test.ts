import t from 'tap';
import { envelope, soap, startSim } from './helpers.js';

t.test('getApiVersion answers the WSDL version in a urn:mplusqapi response envelope', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const answer = await soap(sim, 'getApiVersion');
  t.equal(answer.status, 200);
  t.match(answer.headers['content-type'], /^text\/xml/);
  t.match(answer.raw, /xmlns:ns="urn:mplusqapi"/);
  t.match(answer.raw, /<ns:getApiVersionResponse>/);
  t.match(answer.response, {
    majorNumber: '67',
    minorNumber: '1',
    revisionNumber: '3',
    inDebugMode: 'false',
  });
});

t.test('wrong, missing or partial credentials are a SOAP-ENV:Client fault', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  for (const query of [
    'ident=koppel-sandbox&secret=wrong',
    'ident=nobody&secret=sandbox-secret',
    'ident=koppel-sandbox',
    '',
  ]) {
    const answer = await soap(sim, 'getApiVersion', {}, { query });
    t.equal(answer.status, 500, `HTTP 500 for "${query}"`);
    t.equal(answer.fault?.faultcode, 'SOAP-ENV:Client');
    t.match(answer.fault?.faultstring, /Authentication failed/);
    t.equal(answer.response, undefined);
  }
});

t.test('configured credentials replace the sandbox pair', async (t) => {
  const sim = await startSim({ credentials: [{ ident: 'tenant-44038', secret: 's3cr3t' }] });
  t.teardown(() => sim.app.close());
  t.equal((await soap(sim, 'getApiVersion', {}, { query: 'ident=tenant-44038&secret=s3cr3t' })).status, 200);
  t.equal((await soap(sim, 'getApiVersion')).status, 500, 'sandbox pair no longer accepted');
});

t.test('the operation comes from the Body element; SOAPAction is optional', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const res = await sim.app.inject({
    method: 'POST',
    url: '/?ident=koppel-sandbox&secret=sandbox-secret',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    payload: envelope('getApiVersion'),
  });
  t.equal(res.statusCode, 200);
  t.match(res.body, /getApiVersionResponse/);
});

t.test('malformed requests are SOAP faults naming the problem', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const cases: [string, RegExp][] = [
    ['<SOAP-ENV:Envelope><SOAP-ENV:Body><ns1:getApiVersion></SOAP-ENV:Body>', /Malformed XML/],
    ['<foo/>', /Not a SOAP envelope/],
    [
      '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"></SOAP-ENV:Envelope>',
      /Body is missing/,
    ],
    [envelope('dropAllTables'), /Method 'dropAllTables' not implemented/],
    // A DOCTYPE with an external entity passes the validator but not the parser: still the client's fault.
    [
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>' +
        envelope('findOrder', { extOrderId: 'WEB-1' })
          .replace(/^<\?xml[^>]*>\n/, '')
          .replace('WEB-1', '&x;'),
      /Malformed XML: External entities are not supported/,
    ],
  ];
  for (const [payload, message] of cases) {
    const answer = await soap(sim, 'x', {}, { payload });
    t.equal(answer.status, 500);
    t.equal(answer.fault?.faultcode, 'SOAP-ENV:Client');
    t.match(answer.fault?.faultstring, message);
  }
});

t.test('a non-XML content type is refused with a SOAP fault, not JSON', async (t) => {
  const sim = await startSim();
  t.teardown(() => sim.app.close());
  const res = await sim.app.inject({
    method: 'POST',
    url: '/?ident=koppel-sandbox&secret=sandbox-secret',
    headers: { 'content-type': 'application/json' },
    payload: { getApiVersion: {} },
  });
  t.equal(res.statusCode, 500);
  t.match(res.headers['content-type'], /^text\/xml/);
  t.match(res.body, /<faultcode>SOAP-ENV:Client<\/faultcode>/);
});
